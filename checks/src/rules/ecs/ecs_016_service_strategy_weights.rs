use super::super::prelude::*;

declare_check! {
    /// A service with a launch type or its own strategy overrides the cluster default: the weights
    /// that matter are the ones the service runs with.
    ///
    /// # Remediation
    /// Update the service with `--capacity-provider-strategy` matching the profile (this forces a new deployment).
    CHECK {
        id: "ECS-016",
        title: "Services place tasks with the profiled capacity provider weights",
        severity: Medium,
        references: [Seed("001", "ECS tasks must use Fargate Spot instances with minimum 2 vCPU and 4GB memory"), Seed("004", "Proper capacity provider strategy weights")],
        params: ["compute.capacity_provider_weights"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.compute.capacity_provider_weights else {
        return ctx.param_not_set("compute.capacity_provider_weights");
    };
    let services = ctx.inventory.ecs_services();
    if let Some(skips) = ctx.unmodelled(services, "capacity_provider_strategy") {
        return skips;
    }
    ctx.each(services, &[], |service| {
        let observed = super::weights(&service.capacity_provider_strategy);
        Finding::verdict(
            service.reference(),
            &observed == expected,
            format!("{expected}", expected = W(&expected)),
            format!(
                "weights {observed} (launch type {}), expected {expected}",
                W(&service.launch_type),
                observed = W(&observed),
                expected = W(&expected)
            ),
        )
        .with(Evidence::new(
            "capacity_provider_strategy",
            &observed,
            format!("{expected}", expected = W(&expected)),
            op::ECS_SERVICES,
        ))
    })
}
