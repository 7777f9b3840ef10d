use super::super::prelude::*;

declare_check! {
    /// Older ELB security policies still negotiate TLS 1.0/1.1 and weak ciphers.
    ///
    /// # Remediation
    /// `aws elbv2 modify-listener --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy).
    CHECK {
        id: "ELB-011",
        title: "HTTPS listeners use a TLS 1.2+ security policy",
        severity: High,
        references: [PciDss4("4.2.1"), Seed("004", "All data encrypted in transit and at rest where applicable")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let secure = ctx
        .inventory
        .listeners()
        .iter()
        .filter(|l| l.protocol == "HTTPS" || l.protocol == "TLS");
    ctx.each(secure, &[], |listener| {
        let policy = listener.ssl_policy.as_deref().unwrap_or("");
        let modern = ["TLS13", "TLS-1-2", "FS-1-2"]
            .iter()
            .any(|marker| policy.contains(marker));
        Finding::verdict(
            listener.reference(),
            modern,
            policy.to_string(),
            format!("policy {policy} allows TLS below 1.2", policy = W(&policy)),
        )
        .with(Evidence::new(
            "ssl_policy",
            policy,
            "a TLS 1.2+ policy",
            op::ELB_LISTENERS,
        ))
    })
}
