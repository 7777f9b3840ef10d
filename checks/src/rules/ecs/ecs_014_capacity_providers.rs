use super::super::prelude::*;

declare_check! {
    /// Spot capacity is what makes the cost model work; a cluster without the provider silently runs
    /// everything on demand.
    ///
    /// # Remediation
    /// `aws ecs put-cluster-capacity-providers` with the profiled providers.
    CHECK {
        id: "ECS-014",
        title: "ECS clusters offer the profiled capacity providers",
        severity: Medium,
        references: [Seed("001", "ECS cluster with Fargate Spot capacity providers for cost optimization"), Seed("004", "Fargate capacity provider for on-demand workloads"), Seed("004", "Fargate Spot capacity provider for cost-optimized non-critical tasks")],
        params: ["compute.capacity_providers"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.compute.capacity_providers else {
        return ctx.param_not_set("compute.capacity_providers");
    };
    ctx.each(ctx.inventory.ecs_clusters(), &[], |cluster| {
        let lacking: Vec<&String> = expected
            .iter()
            .filter(|p| !cluster.capacity_providers.contains(p))
            .collect();
        Finding::verdict(
            cluster.reference(),
            lacking.is_empty(),
            format!("offers {expected}", expected = W(&expected)),
            format!("lacks {lacking}", lacking = W(&lacking)),
        )
        .with(Evidence::new(
            "capacity_providers",
            &cluster.capacity_providers,
            format!("{expected}", expected = W(&expected)),
            op::ECS_CLUSTERS,
        ))
    })
}
