use super::super::prelude::*;

declare_check! {
    /// An internet gateway is a VPC's door to the internet. One attached to no VPC, or attached
    /// but routed to by no route table, serves nothing and waits: the first route someone adds
    /// to it makes a subnet public without any other change. Keep only the gateways a public
    /// subnet uses.
    ///
    /// # Remediation
    /// Route the public subnets' default route (`0.0.0.0/0`) to the gateway, or detach and delete
    /// it (`aws ec2 detach-internet-gateway`, `delete-internet-gateway`; in a template, remove
    /// the `AWS::EC2::InternetGateway` and its `VPCGatewayAttachment`).
    CHECK {
        id: "VPC-025",
        title: "Internet gateways are attached and routed to",
        severity: Low,
        references: [Seed("000", "Internet Gateway for public subnet access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let tables = ctx.inventory.route_tables();
    ctx.each(ctx.inventory.internet_gateways(), &[], |gateway| {
        let routing: Vec<&str> = tables
            .iter()
            .filter(|t| {
                gateway.vpc_ids.contains(&t.vpc_id)
                    && t.routes
                        .iter()
                        .any(|r| r.gateway_id.as_deref() == Some(&gateway.id))
            })
            .map(|t| t.id.as_str())
            .collect();
        let verdict = if gateway.vpc_ids.is_empty() {
            Err("attached to no VPC".to_string())
        } else if routing.is_empty() {
            Err(format!(
                "attached to {vpcs} but no route table of theirs routes to it",
                vpcs = W(&gateway.vpc_ids)
            ))
        } else {
            Ok(format!("routed to by {routing}", routing = W(&routing)))
        };
        let (passed, message) = match verdict {
            Ok(message) => (true, message),
            Err(message) => (false, message),
        };
        Finding::verdict(gateway.reference(), passed, message.clone(), message).with(Evidence::new(
            "route_tables[].routes[gateway_id]",
            &routing,
            "at least one route table of an attached VPC",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
