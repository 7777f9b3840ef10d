use super::super::prelude::*;

declare_check! {
    /// Without cross-zone balancing each zone's targets take that zone's share of traffic however
    /// few of them are healthy.
    ///
    /// # Remediation
    /// `aws elbv2 modify-load-balancer-attributes --attributes Key=load_balancing.cross_zone.enabled,Value=true`.
    CHECK {
        id: "ELB-005",
        title: "Cross-zone load balancing is on",
        severity: Low,
        references: [Seed("004", "Cross-zone load balancing enabled")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::attribute_verdicts(
        ctx,
        ctx.inventory.load_balancers(),
        "load_balancing.cross_zone.enabled",
        |value| value != Some("false"),
        "true",
    )
}
