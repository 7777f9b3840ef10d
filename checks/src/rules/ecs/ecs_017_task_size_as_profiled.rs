use super::super::prelude::*;

declare_check! {
    /// Task size is both the capacity promise and the bill; the spec names it per service.
    ///
    /// # Remediation
    /// Register a task definition revision with the profiled `cpu` and `memory` and update the service.
    CHECK {
        id: "ECS-017",
        title: "Task definitions have the profiled CPU and memory",
        severity: Medium,
        references: [Seed("002", "Deploy ECS Fargate service with task definition using 2 vCPU and 4GB memory"), Seed("004", "Frontend service: 512 CPU units, 1024 MB memory"), Seed("004", "API Gateway service: 1024 CPU units, 2048 MB memory"), Seed("004", "Processing service: 2048 CPU units, 4096 MB memory")],
        params: ["compute.task_sizes"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(sizes) = &ctx.profile.compute.task_sizes else {
        return ctx.param_not_set("compute.task_sizes");
    };
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let observed = format!(
            "{} CPU / {} MiB",
            task.cpu.as_deref().unwrap_or("?"),
            task.memory.as_deref().unwrap_or("?")
        );
        let Some((family, size)) = sizes
            .iter()
            .find(|(family, _)| ctx.names_base(&task.family, family))
        else {
            return Finding::fail(
                task.reference(),
                format!("family {} has no profiled size", task.family),
            )
            .with(Evidence::new(
                "family",
                &task.family,
                format!("one of {}", W(&sizes.keys().collect::<Vec<_>>())),
                op::ECS_TASK_DEFINITION,
            ));
        };
        let expected = format!("{} CPU / {} MiB", size.cpu, size.memory);
        Finding::verdict(
            task.reference(),
            observed == expected,
            expected.clone(),
            format!("{observed}, expected {expected} for {family}"),
        )
        .with(Evidence::new(
            "cpu/memory",
            &observed,
            expected,
            op::ECS_TASK_DEFINITION,
        ))
    })
}
