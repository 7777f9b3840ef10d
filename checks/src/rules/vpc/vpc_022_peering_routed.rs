use super::super::prelude::*;

declare_check! {
    /// A peering without routes carries no traffic: the connection exists on paper only.
    ///
    /// # Remediation
    /// Add a route to the peer's CIDR via the peering connection in the route tables that need it.
    CHECK {
        id: "VPC-022",
        title: "Active peering connections are routed",
        severity: Low,
        references: [Seed("003", "Implement cross-stack references to ensure network configurations are synchronized across environments")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let active = ctx
        .inventory
        .vpc_peerings()
        .iter()
        .filter(|p| p.status == "active");
    ctx.each(active, &[], |peering| {
        let tables: Vec<&str> = ctx
            .inventory
            .route_tables()
            .iter()
            .filter(|t| {
                t.routes
                    .iter()
                    .any(|r| r.vpc_peering_connection_id.as_deref() == Some(peering.id.as_str()))
            })
            .map(|t| t.id.as_str())
            .collect();
        Finding::verdict(
            peering.reference(),
            !tables.is_empty(),
            format!("routed in {tables}", tables = W(&tables)),
            "no route uses it",
        )
        .with(Evidence::new(
            "route_tables[].routes[].vpc_peering_connection_id",
            &tables,
            "≥ 1 route table",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
