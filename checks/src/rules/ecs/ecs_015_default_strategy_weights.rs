use super::super::prelude::*;

declare_check! {
    /// The default strategy decides where tasks land when a service names none: the weights are the
    /// on-demand/Spot split the spec promises.
    ///
    /// # Remediation
    /// `aws ecs put-cluster-capacity-providers --default-capacity-provider-strategy` with the profiled weights.
    CHECK {
        id: "ECS-015",
        title: "Clusters' default capacity provider strategy has the profiled weights",
        severity: Low,
        references: [Seed("004", "Proper capacity provider strategy weights"), Seed("001", "ECS tasks must use Fargate Spot instances")],
        params: ["compute.capacity_provider_weights"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.compute.capacity_provider_weights else {
        return ctx.param_not_set("compute.capacity_provider_weights");
    };
    ctx.each(ctx.inventory.ecs_clusters(), &[], |cluster| {
        let observed = super::weights(&cluster.default_strategy);
        Finding::verdict(
            cluster.reference(),
            &observed == expected,
            format!("{expected}", expected = W(&expected)),
            format!(
                "weights {observed}, expected {expected}",
                observed = W(&observed),
                expected = W(&expected)
            ),
        )
        .with(Evidence::new(
            "default_capacity_provider_strategy",
            &observed,
            format!("{expected}", expected = W(&expected)),
            op::ECS_CLUSTERS,
        ))
    })
}
