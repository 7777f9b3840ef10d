use super::super::prelude::*;

declare_check! {
    /// Cross-environment synchronisation runs over the peering; without it the environments drift.
    ///
    /// # Remediation
    /// Create and accept the peering connection and add routes on both sides.
    CHECK {
        id: "VPC-021",
        title: "The VPC takes part in the profiled peering connections",
        severity: Medium,
        references: [Seed("003", "Each environment maintains isolated VPCs with peering connections for secure inter-environment communication")],
        params: ["network.min_peering_connections"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(min) = ctx.profile.network.min_peering_connections else {
        return ctx.param_not_set("network.min_peering_connections");
    };
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let active: Vec<&str> = ctx
            .inventory
            .vpc_peerings()
            .iter()
            .filter(|p| {
                p.status == "active"
                    && (p.requester_vpc_id == vpc.id || p.accepter_vpc_id == vpc.id)
            })
            .map(|p| p.id.as_str())
            .collect();
        Finding::verdict(
            vpc.reference(),
            active.len() >= min,
            format!("{active}", active = W(&active)),
            format!("{} active peerings, expected ≥ {min}", active.len()),
        )
        .with(Evidence::new(
            "vpc_peering_connections[status=active]",
            &active,
            format!("≥ {min}"),
            op::EC2_PEERINGS,
        ))
    })
}
