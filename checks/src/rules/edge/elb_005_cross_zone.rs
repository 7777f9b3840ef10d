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
    ctx.each(ctx.inventory.load_balancers.iter(), &["attributes"], |lb| {
        let value = lb
            .attributes
            .get("load_balancing.cross_zone.enabled")
            .map(String::as_str);
        Finding::verdict(
            lb.reference(),
            value != Some("false"),
            format!("load_balancing.cross_zone.enabled = {value:?}"),
            format!("load_balancing.cross_zone.enabled = {value:?}, expected true"),
        )
        .with(Evidence::new(
            "attributes.load_balancing.cross_zone.enabled",
            value,
            "true",
            op::ELB_ATTRIBUTES,
        ))
    })
}
