use super::super::prelude::*;

declare_check! {
    /// Tasks in a private subnet without a NAT route or endpoints cannot pull images, write logs or
    /// fetch secrets: the service never starts. Subnets the stack declares isolated (CDK's
    /// `PRIVATE_ISOLATED`, Terraform's intra subnets) have no way out by design and are not judged.
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
    let private = ctx.subnets_in(SubnetTier::Private);
    ctx.each(private.filter(|s| !s.declared_isolated()), &[], |subnet| {
        let table = ctx.route_table_of(subnet);
        let nat = table.and_then(|t| {
            (t.routes.iter()).find_map(|r| r.nat_gateway_id.as_deref().filter(|_| r.is_default()))
        });
        let nat = match nat.map(|id| nat_reaches_internet(ctx, id)) {
            Some(Err(unverified)) => return Finding::new(subnet.reference(), Status::Error, unverified),
            Some(Ok(verdict)) => Some(verdict),
            None => None,
        };
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
        let path = match &nat {
            Some(Ok(())) => "NAT gateway",
            _ if gateway_endpoints && interface_endpoints => "VPC endpoints",
            _ => "none",
        };
        let failure = match nat {
            Some(Err(dead_end)) => format!("no VPC endpoints, and {dead_end}"),
            _ => "no NAT route and no VPC endpoints".to_string(),
        };
        Finding::verdict(subnet.reference(), path != "none", format!("egress via {path}"), failure)
            .with(Evidence::new(
                "route_table.routes / vpc_endpoints",
                path,
                "a NAT default route to a NAT gateway in a public subnet, or gateway and interface endpoints",
                op::EC2_ROUTE_TABLES,
            ))
    })
}

/// Whether a NAT gateway can carry traffic out: it is available (or coming up) and sits in a subnet
/// whose routes reach an internet gateway. `Ok(Err(why))` when it cannot; `Err` when the
/// inventory does not hold what would tell.
fn nat_reaches_internet(ctx: &Context, id: &str) -> Result<Result<(), String>, String> {
    let nat = ctx.nat_gateway(id).ok_or_else(|| {
        format!("the default route names NAT gateway {id}, which is not in the inventory")
    })?;
    if matches!(nat.state.as_str(), "failed" | "deleting" | "deleted") {
        return Ok(Err(format!("NAT gateway {id} is {}", nat.state)));
    }
    let home = ctx.subnet(&nat.subnet_id).ok_or_else(|| {
        format!(
            "NAT gateway {id} sits in subnet {}, which is not in the inventory",
            nat.subnet_id
        )
    })?;
    if ctx.routes_to_internet_gateway(home) {
        Ok(Ok(()))
    } else {
        Ok(Err(format!(
            "NAT gateway {id} sits in subnet {}, which has no route to an internet gateway",
            home.id
        )))
    }
}
