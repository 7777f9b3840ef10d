use super::super::prelude::*;

declare_check! {
    /// The seeds run on Fargate: no instances to patch, and the isolation model the other checks
    /// assume.
    ///
    /// # Remediation
    /// Register the task definition with `requiresCompatibilities: [FARGATE]` and `networkMode: awsvpc`.
    CHECK {
        id: "ECS-028",
        title: "Task definitions are Fargate-compatible",
        severity: Low,
        references: [Seed("000", "ECS cluster configured for Fargate compute"), Seed("002", "Deploy ECS Fargate service"), Seed("004", "orchestrates a multi-service application on ECS Fargate")],
        params: ["compute.fargate"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.compute.fargate != Some(true) {
        return ctx.param_not_set("compute.fargate");
    }
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let fargate = task.requires_compatibilities.iter().any(|c| c == "FARGATE");
        Finding::verdict(
            task.reference(),
            fargate,
            "FARGATE",
            format!("compatibilities {}", W(&task.requires_compatibilities)),
        )
        .with(Evidence::new(
            "requires_compatibilities",
            &task.requires_compatibilities,
            "contains FARGATE",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
