use super::super::prelude::*;

declare_check! {
    /// A private subnet that hands out public IPv4 addresses on launch gives every instance an
    /// address on the internet the moment a route appears.
    ///
    /// # Remediation
    /// Turn off `MapPublicIpOnLaunch` on the private subnets.
    CHECK {
        id: "VPC-015",
        title: "Private subnets do not auto-assign public IPs",
        severity: Medium,
        references: [Fsbp("EC2.15"), Seed("000", "RDS in private subnets with no public access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.subnets_in(SubnetTier::Private), &[], |subnet| {
        Finding::verdict(
            subnet.reference(),
            !subnet.map_public_ip_on_launch,
            "no public IPs on launch",
            "assigns public IPs on launch",
        )
        .with(Evidence::new(
            "map_public_ip_on_launch",
            subnet.map_public_ip_on_launch,
            "false",
            op::EC2_SUBNETS,
        ))
    })
}
