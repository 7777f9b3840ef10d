use super::super::prelude::*;

declare_check! {
    /// A subnet the stack calls private but whose route table sends traffic to the internet
    /// gateway is public in fact: anything with a public IP in it is reachable from the internet.
    ///
    /// # Remediation
    /// Associate the subnet with a route table whose default route goes to a NAT gateway (or none).
    CHECK {
        id: "VPC-006",
        title: "Private subnets have no route to an internet gateway",
        severity: High,
        references: [Seed("000", "ECS tasks in private subnets"), Seed("001", "no direct internet access"), PciDss4("1.4.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let subnets = ctx.inventory.subnets();
    let mut private = subnets.iter().filter(|s| s.declared_private()).peekable();
    let all_read = subnets.iter().all(|s| s.errors.is_empty());
    if private.peek().is_none() && !subnets.is_empty() && all_read {
        // Judged by routes, a subnet routing to the internet gateway is public: only what the
        // stack declares private can be found to route there by mistake. (A subnet that could
        // not be read may be declared: the engine's safety net reports it as `error` instead.)
        return vec![Finding::skip(
            ResourceRef::stack(),
            "no subnet is declared private or isolated (by an output key, an \
             `aws-cdk:subnet-type` or `Tier` tag, or a Name saying private/isolated): routes \
             alone cannot tell a private subnet that routes to the internet from a public one",
        )];
    }
    ctx.each(private, &[], |subnet| {
        let table = ctx.route_table_of(subnet);
        let igw: Vec<&Route> = table
            .map(|t| {
                t.routes
                    .iter()
                    .filter(|r| r.targets_internet_gateway())
                    .collect()
            })
            .unwrap_or_default();
        Finding::verdict(
            subnet.reference(),
            igw.is_empty(),
            "no internet gateway route",
            format!(
                "route table {} routes to an internet gateway",
                table.map_or("-", |t| t.id.as_str())
            ),
        )
        .with(Evidence::new(
            "route_table.routes[gateway_id=igw-*]",
            &igw,
            "none",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
