use super::super::prelude::*;

declare_check! {
    /// Headers with invalid characters are a request-smuggling vector between the load balancer and
    /// the targets.
    ///
    /// # Remediation
    /// Set `routing.http.drop_invalid_header_fields.enabled` to `true`.
    CHECK {
        id: "ELB-006",
        title: "Application load balancers drop invalid HTTP headers",
        severity: Medium,
        references: [Fsbp("ELB.4"), PciDss4("6.4.1")],
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
        "routing.http.drop_invalid_header_fields.enabled",
        |value| value == Some("true"),
        "true",
    )
}
