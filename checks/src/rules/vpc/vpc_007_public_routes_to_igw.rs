use super::super::prelude::*;

declare_check! {
    /// A subnet meant to be public (load balancers, NAT gateways) without a default route to the
    /// internet gateway cannot serve or egress: the ALB is unreachable, the NAT is dead.
    ///
    /// # Remediation
    /// Add `0.0.0.0/0 → igw-…` to the public subnets' route table.
    CHECK {
        id: "VPC-007",
        title: "Public subnets route to the internet gateway",
        severity: Medium,
        references: [Seed("000", "Internet Gateway for public subnet access"), Seed("004", "routing tables configured for public and private subnet tiers")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.subnets_in(SubnetTier::Public), &[], |subnet| {
        let table = ctx.route_table_of(subnet);
        let default_igw = table.is_some_and(|t| {
            t.routes
                .iter()
                .any(|r| r.is_default() && r.targets_internet_gateway())
        });
        Finding::verdict(
            subnet.reference(),
            default_igw,
            "default route to the internet gateway",
            "no default route to an internet gateway",
        )
        .with(Evidence::new(
            "route_table.routes",
            table.map(|t| &t.routes),
            "0.0.0.0/0 → igw-…",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
