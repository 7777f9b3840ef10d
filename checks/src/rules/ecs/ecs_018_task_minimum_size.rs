use super::super::prelude::*;

declare_check! {
    /// Undersized tasks throttle under load and are restarted by the OOM killer.
    ///
    /// # Remediation
    /// Register a revision with at least the profiled `cpu` and `memory`.
    CHECK {
        id: "ECS-018",
        title: "Task definitions have at least the profiled CPU and memory",
        severity: Medium,
        references: [Seed("001", "ECS tasks must use Fargate Spot instances with minimum 2 vCPU and 4GB memory")],
        params: ["compute.min_task_size"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(min) = ctx.profile.compute.min_task_size else {
        return ctx.param_not_set("compute.min_task_size");
    };
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let cpu = task.cpu.as_deref().and_then(|v| v.parse::<u32>().ok());
        let memory = task.memory.as_deref().and_then(|v| v.parse::<u32>().ok());
        let ok = cpu.is_some_and(|c| c >= min.cpu) && memory.is_some_and(|m| m >= min.memory);
        Finding::verdict(
            task.reference(),
            ok,
            format!(
                "{cpu} CPU / {memory} MiB",
                cpu = W(&cpu),
                memory = W(&memory)
            ),
            format!(
                "{cpu} CPU / {memory} MiB, below {} / {}",
                min.cpu,
                min.memory,
                cpu = W(&cpu),
                memory = W(&memory)
            ),
        )
        .with(Evidence::new(
            "cpu/memory",
            (cpu, memory),
            format!("≥ {} CPU / ≥ {} MiB", min.cpu, min.memory),
            op::ECS_TASK_DEFINITION,
        ))
    })
}
