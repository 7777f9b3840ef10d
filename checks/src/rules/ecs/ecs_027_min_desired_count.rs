use super::super::prelude::*;

declare_check! {
    /// One task is one failure away from an outage; the spec sets how many must run.
    ///
    /// # Remediation
    /// Update the service's desired count (and the scalable target's minimum).
    CHECK {
        id: "ECS-027",
        title: "Services run at least the profiled number of tasks",
        severity: Medium,
        references: [Seed("004", "ECS services with desired count configured"), Seed("001", "Multi-AZ deployment across 3 availability zones")],
        params: ["compute.min_desired_count"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(min) = ctx.profile.compute.min_desired_count else {
        return ctx.param_not_set("compute.min_desired_count");
    };
    ctx.each(ctx.inventory.ecs_services(), &[], |service| {
        Finding::verdict(
            service.reference(),
            service.desired_count >= min,
            format!("{} tasks", service.desired_count),
            format!("{} tasks, fewer than {min}", service.desired_count),
        )
        .with(Evidence::new(
            "desired_count",
            service.desired_count,
            format!("≥ {min}"),
            op::ECS_SERVICES,
        ))
    })
}
