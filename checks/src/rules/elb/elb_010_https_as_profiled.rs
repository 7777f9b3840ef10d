use super::super::prelude::*;

declare_check! {
    /// Clear-text HTTP to the entry point exposes sessions and credentials on the way in; the only
    /// acceptable HTTP listener is one that redirects to HTTPS.
    ///
    /// # Remediation
    /// Add an HTTPS listener with a certificate and change the HTTP listener's default action to a redirect to HTTPS.
    CHECK {
        id: "ELB-010",
        title: "HTTPS is served and HTTP redirects to it",
        severity: High,
        references: [Fsbp("ELB.1"), PciDss4("4.2.1"), Seed("004", "HTTP/HTTPS listeners configured on ALB"), Seed("004", "All data encrypted in transit and at rest where applicable")],
        params: ["load_balancer.https"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.load_balancer.https != Some(true) {
        return ctx.param_not_set("load_balancer.https");
    }
    let albs = ctx
        .inventory
        .load_balancers()
        .iter()
        .filter(|lb| lb.lb_type == "application");
    ctx.each(albs, &[], |lb| {
        let listeners: Vec<&Listener> = ctx
            .inventory
            .listeners()
            .iter()
            .filter(|l| l.load_balancer_arn == lb.arn)
            .collect();
        let has_https = listeners.iter().any(|l| l.protocol == "HTTPS");
        let plain: Vec<i32> = listeners
            .iter()
            .filter(|l| l.protocol == "HTTP")
            .filter(|l| {
                !l.default_actions.iter().any(|a| {
                    a.action_type == "redirect" && a.redirect_protocol.as_deref() == Some("HTTPS")
                })
            })
            .map(|l| l.port)
            .collect();
        let observed: Vec<String> = listeners
            .iter()
            .map(|l| format!("{}:{}", l.protocol, l.port))
            .collect();
        Finding::verdict(
            lb.reference(),
            has_https && plain.is_empty(),
            "HTTPS, HTTP redirects",
            if has_https {
                format!(
                    "HTTP listeners that serve instead of redirecting: {plain}",
                    plain = W(&plain)
                )
            } else {
                "no HTTPS listener".to_string()
            },
        )
        .with(Evidence::new(
            "listeners",
            &observed,
            "an HTTPS listener; HTTP only as a redirect to HTTPS",
            op::ELB_LISTENERS,
        ))
    })
}
