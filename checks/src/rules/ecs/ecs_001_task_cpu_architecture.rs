use super::super::prelude::*;

declare_check! {
    /// Seeds ask for ARM64 (Graviton) Fargate tasks for cost; a task definition without a
    /// runtime platform runs on X86_64 by default.
    ///
    /// # Remediation
    /// Register a task definition revision with `runtimePlatform.cpuArchitecture = ARM64` and
    /// images built for arm64, and update the service to it.
    CHECK {
        id: "ECS-001",
        title: "Task definitions use the profiled CPU architecture",
        severity: Medium,
        references: [Seed("000", "All compute resources must use ARM-based instances for cost optimization")],
        params: ["compute.cpu_architecture"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.compute.cpu_architecture else {
        return ctx.param_not_set("compute.cpu_architecture");
    };
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let observed = task.cpu_architecture.as_deref().unwrap_or("X86_64");
        Finding::verdict(
            task.reference(),
            observed == expected.as_str(),
            observed.to_string(),
            format!("{observed}, expected {}", expected.as_str()),
        )
        .with(Evidence::new(
            "runtime_platform.cpu_architecture",
            &task.cpu_architecture,
            expected.as_str(),
            op::ECS_TASK_DEFINITION,
        ))
    })
}
