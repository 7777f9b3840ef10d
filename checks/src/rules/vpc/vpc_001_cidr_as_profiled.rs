use super::super::prelude::*;

declare_check! {
    /// The VPC's address range is part of the network design: peering, VPN routes and firewall
    /// rules elsewhere assume it. A VPC created with another range silently breaks them.
    ///
    /// # Remediation
    /// Recreate the VPC with the profiled CIDR block (a VPC's primary CIDR cannot be changed).
    CHECK {
        id: "VPC-001",
        title: "VPC CIDR block is as profiled",
        severity: Medium,
        references: [Seed("000", "VPC with CIDR 10.0.0.0/16")],
        params: ["network.vpc_cidr"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.network.vpc_cidr else {
        return ctx.param_not_set("network.vpc_cidr");
    };
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        Finding::verdict(
            vpc.reference(),
            &vpc.cidr_block == expected,
            "CIDR block as profiled",
            format!("CIDR block is {}, expected {expected}", vpc.cidr_block),
        )
        .with(Evidence::new(
            "cidr_block",
            &vpc.cidr_block,
            expected,
            op::EC2_VPCS,
        ))
    })
}
