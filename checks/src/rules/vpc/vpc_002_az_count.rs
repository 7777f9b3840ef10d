use std::collections::BTreeSet;

use super::super::prelude::*;

declare_check! {
    /// High availability rests on spreading subnets over the profiled number of availability
    /// zones; fewer zones means one zone outage takes the stack down.
    ///
    /// # Remediation
    /// Add (or remove) subnets so that the stack's subnets span exactly the profiled number of zones.
    CHECK {
        id: "VPC-002",
        title: "Subnets span the profiled number of availability zones",
        severity: High,
        references: [Seed("000", "2 availability zones"), Seed("001", "VPC spanning 3 availability zones"), Seed("004", "VPC spanning 3 availability zones")],
        params: ["network.az_count"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.network.az_count else {
        return ctx.param_not_set("network.az_count");
    };
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let zones: BTreeSet<&str> = ctx
            .inventory
            .subnets()
            .iter()
            .filter(|s| s.vpc_id == vpc.id)
            .map(|s| s.availability_zone.as_str())
            .collect();
        Finding::verdict(
            vpc.reference(),
            zones.len() == expected,
            format!("subnets span {expected} zones"),
            format!("subnets span {} zones, expected {expected}", zones.len()),
        )
        .with(Evidence::new(
            "subnets[].availability_zone",
            &zones,
            format!("{expected} distinct zones"),
            op::EC2_SUBNETS,
        ))
    })
}
