use super::super::prelude::*;

declare_check! {
    /// A service without a scalable target stays at its desired count whatever the load.
    ///
    /// # Remediation
    /// `aws application-autoscaling register-scalable-target --resource-id service/<cluster>/<service> --scalable-dimension ecs:service:DesiredCount`.
    CHECK {
        id: "SCALE-001",
        title: "Every ECS service has a scalable target",
        severity: Medium,
        references: [Seed("004", "Auto-scaling policies based on CPU utilization with min 2 and max 10 tasks"), Seed("001", "Performance: Auto-scaling Fargate Spot instances")],
        params: ["platform.scaling_min"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.platform.scaling_min.is_none() && ctx.profile.platform.scaling_max.is_none() {
        return ctx.param_not_set("platform.scaling_min");
    }
    ctx.each(ctx.inventory.ecs_services(), &[], |service| {
        let id = super::scaling_resource_id(service);
        let found = ctx.scalable_target(&id).is_some();
        Finding::verdict(
            service.reference(),
            found,
            format!("scalable target {id}"),
            format!("no scalable target {id}"),
        )
        .with(Evidence::new(
            "scalable_targets[].resource_id",
            found,
            id,
            op::SCALABLE_TARGETS,
        ))
    })
}
