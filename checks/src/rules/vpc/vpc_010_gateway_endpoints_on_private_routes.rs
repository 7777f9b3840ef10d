use std::collections::BTreeSet;

use super::super::prelude::*;

declare_check! {
    /// A gateway endpoint only carries traffic for the route tables it is attached to; one that
    /// misses a private subnet's table leaves that subnet going through NAT (or nowhere).
    ///
    /// # Remediation
    /// Add every private subnet's route table to the endpoint's route tables.
    CHECK {
        id: "VPC-010",
        title: "Gateway endpoints are attached to every private route table",
        severity: Medium,
        references: [Seed("000", "VPC Endpoints for S3 and DynamoDB to reduce data transfer costs"), Seed("001", "inter-service communication must use VPC endpoints")],
        params: ["network.gateway_endpoints"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(required) = &ctx.profile.network.gateway_endpoints else {
        return ctx.param_not_set("network.gateway_endpoints");
    };
    let private_tables: BTreeSet<&str> = ctx
        .subnets_in(SubnetTier::Private)
        .filter_map(|s| ctx.route_table_of(s))
        .map(|t| t.id.as_str())
        .collect();
    let endpoints = ctx.inventory.vpc_endpoints().iter().filter(|e| {
        e.endpoint_type.eq_ignore_ascii_case("Gateway")
            && required.iter().any(|r| r == e.short_service())
    });
    ctx.each(endpoints, &[], |endpoint| {
        let missing: Vec<&&str> = private_tables
            .iter()
            .filter(|t| !endpoint.route_table_ids.iter().any(|id| id == **t))
            .collect();
        Finding::verdict(
            endpoint.reference(),
            missing.is_empty(),
            "attached to every private route table",
            format!(
                "not attached to private route tables {missing}",
                missing = W(&missing)
            ),
        )
        .with(Evidence::new(
            "route_table_ids",
            &endpoint.route_table_ids,
            format!("⊇ {private_tables}", private_tables = W(&private_tables)),
            op::EC2_VPC_ENDPOINTS,
        ))
    })
}
