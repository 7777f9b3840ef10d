use super::super::prelude::*;

declare_check! {
    /// Without a grace period the load balancer's first failed checks kill tasks that are still
    /// starting, and a slow start becomes a restart loop.
    ///
    /// # Remediation
    /// Update the service with `--health-check-grace-period-seconds` (longer than the start-up time).
    CHECK {
        id: "ECS-020",
        title: "Services behind a load balancer set a health-check grace period",
        severity: Low,
        references: [Seed("004", "Health check grace periods configured appropriately for each service")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let behind_lb: Vec<&EcsService> = ctx
        .inventory
        .ecs_services()
        .iter()
        .filter(|s| !s.target_group_arns.is_empty())
        .collect();
    if let Some(skips) = ctx.unmodelled(
        behind_lb.iter().copied(),
        "health_check_grace_period_seconds",
    ) {
        return skips;
    }
    ctx.each(behind_lb, &[], |service| {
        let grace = service.health_check_grace_period_seconds;
        Finding::verdict(
            service.reference(),
            grace.is_some_and(|g| g > 0),
            format!("{grace} s", grace = W(&grace)),
            "no grace period",
        )
        .with(Evidence::new(
            "health_check_grace_period_seconds",
            grace,
            "> 0",
            op::ECS_SERVICES,
        ))
    })
}
