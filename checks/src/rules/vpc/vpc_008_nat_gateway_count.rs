use super::super::prelude::*;

declare_check! {
    /// NAT gateways cost money per hour and per GB; seeds fix their number (one shared, or none
    /// where VPC endpoints replace them). More than profiled is waste, fewer breaks egress.
    ///
    /// # Remediation
    /// Delete the extra NAT gateways (and point routes at the remaining one), or create the missing one.
    CHECK {
        id: "VPC-008",
        title: "NAT gateway count is as profiled",
        severity: Medium,
        references: [Seed("000", "Only create 1 NAT Gateway"), Seed("001", "No NAT gateways should be deployed")],
        params: ["network.nat_gateways"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.network.nat_gateways else {
        return ctx.param_not_set("network.nat_gateways");
    };
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let nats: Vec<&str> = ctx
            .inventory
            .nat_gateways()
            .iter()
            .filter(|n| n.vpc_id == vpc.id && n.state != "deleted")
            .map(|n| n.id.as_str())
            .collect();
        Finding::verdict(
            vpc.reference(),
            nats.len() == expected,
            format!("{expected} NAT gateways"),
            format!("{} NAT gateways, expected {expected}", nats.len()),
        )
        .with(Evidence::new(
            "nat_gateways",
            &nats,
            format!("{expected} NAT gateways"),
            op::EC2_NAT_GATEWAYS,
        ))
    })
}
