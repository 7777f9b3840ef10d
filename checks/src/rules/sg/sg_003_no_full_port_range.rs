use super::super::prelude::*;

declare_check! {
    /// A TCP or UDP rule over the full port range (0–65535) is an all-ports rule in disguise.
    ///
    /// # Remediation
    /// Narrow the rule to the ports the service listens on.
    CHECK {
        id: "SG-003",
        title: "No ingress rule spans the full port range",
        severity: High,
        references: [Fsbp("EC2.19"), PciDss4("1.3.1"), Seed("004", "Strict ingress and egress rules between service tiers")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.security_groups(), &[], |group| {
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| {
                r.port_range()
                    .is_some_and(|(from, to)| from <= 1 && to >= 65535)
            })
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            "no full-range rules",
            format!("full port range: {offending}", offending = W(&offending)),
        )
        .with(Evidence::new(
            "ingress[from_port..to_port]",
            &offending,
            "ranges narrower than 0-65535",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
