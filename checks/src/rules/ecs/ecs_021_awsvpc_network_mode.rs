use super::super::prelude::*;

declare_check! {
    /// With `awsvpc` every task has its own network interface and security groups; `host` and
    /// `bridge` share the host's, so groups cannot separate tasks.
    ///
    /// # Remediation
    /// Register a revision with `networkMode: awsvpc` (required for Fargate).
    CHECK {
        id: "ECS-021",
        title: "Task definitions use the awsvpc network mode",
        severity: Medium,
        references: [Fsbp("ECS.1"), PciDss4("1.3.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let mode = task.network_mode.as_deref();
        Finding::verdict(
            task.reference(),
            mode == Some("awsvpc"),
            "awsvpc",
            format!("network mode {mode}", mode = W(&mode)),
        )
        .with(Evidence::new(
            "network_mode",
            mode,
            "awsvpc",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
