use super::super::prelude::*;

declare_check! {
    /// A NAT gateway in a private subnet has no route to the internet: private subnets lose egress
    /// while the NAT still costs.
    ///
    /// # Remediation
    /// Recreate the NAT gateway in a public subnet and repoint the private route tables.
    CHECK {
        id: "VPC-016",
        title: "NAT gateways sit in public subnets",
        severity: High,
        references: [Seed("000", "NAT Gateways for outbound traffic from private subnets"), Seed("004", "NAT gateways deployed for outbound connectivity from private subnets")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let active = ctx
        .inventory
        .nat_gateways()
        .iter()
        .filter(|n| n.state != "deleted");
    ctx.each(active, &[], |nat| {
        let public = !ctx
            .public_subnets_among(std::slice::from_ref(&nat.subnet_id))
            .is_empty();
        Finding::verdict(
            nat.reference(),
            public,
            format!("in public {}", nat.subnet_id),
            format!("{} is not a public subnet", nat.subnet_id),
        )
        .with(Evidence::new(
            "subnet_id",
            &nat.subnet_id,
            "a public subnet",
            op::EC2_NAT_GATEWAYS,
        ))
    })
}
