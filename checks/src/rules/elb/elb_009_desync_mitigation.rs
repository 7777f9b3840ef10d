use super::super::prelude::*;

declare_check! {
    /// `monitor` mode forwards ambiguous requests that HTTP desync attacks rely on.
    ///
    /// # Remediation
    /// Set `routing.http.desync_mitigation_mode` to `defensive` (the default) or `strictest`.
    CHECK {
        id: "ELB-009",
        title: "Desync mitigation is defensive or strictest",
        severity: Medium,
        references: [Fsbp("ELB.12")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let applications =
        (ctx.inventory.load_balancers().iter()).filter(|lb| lb.lb_type == "application");
    super::attribute_verdicts(
        ctx,
        applications,
        "routing.http.desync_mitigation_mode",
        |value| !matches!(value, Some("monitor")),
        "defensive or strictest",
    )
}
