use super::super::prelude::*;

declare_check! {
    /// Tasks in a private subnet without a NAT route or endpoints cannot pull images, write logs or
    /// fetch secrets: the service never starts.
    ///
    /// # Remediation
    /// Add a default route to a NAT gateway, or the gateway and interface endpoints the workloads call.
    CHECK {
        id: "VPC-017",
        title: "Private subnets reach out through a NAT gateway or VPC endpoints",
        severity: High,
        references: [Seed("000", "NAT Gateways for outbound traffic from private subnets"), Seed("001", "All inter-service communication must use VPC endpoints instead of NAT gateways"), Seed("004", "Proper routing tables configured for public and private subnet tiers")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.subnets_in(SubnetTier::Private), &[], |subnet| {
        let table = ctx.route_table_of(subnet);
        let via_nat = table.is_some_and(|t| {
            t.routes
                .iter()
                .any(|r| r.is_default() && r.nat_gateway_id.is_some())
        });
        let gateway_endpoints = table.is_some_and(|t| {
            t.routes.iter().any(|r| {
                r.destination_prefix_list_id.is_some()
                    || r.gateway_id
                        .as_deref()
                        .is_some_and(|g| g.starts_with("vpce-"))
            })
        }) || ctx.inventory.vpc_endpoints().iter().any(|e| {
            e.endpoint_type == "Gateway" && table.is_some_and(|t| e.route_table_ids.contains(&t.id))
        });
        let interface_endpoints = ctx
            .inventory
            .vpc_endpoints()
            .iter()
            .any(|e| e.endpoint_type == "Interface" && e.vpc_id == subnet.vpc_id);
        let path = if via_nat {
            "NAT gateway"
        } else if gateway_endpoints && interface_endpoints {
            "VPC endpoints"
        } else {
            "none"
        };
        Finding::verdict(
            subnet.reference(),
            path != "none",
            format!("egress via {path}"),
            "no NAT route and no VPC endpoints",
        )
        .with(Evidence::new(
            "route_table.routes / vpc_endpoints",
            path,
            "a NAT default route, or gateway and interface endpoints",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
