use super::super::prelude::*;

declare_check! {
    /// A task definition naming a log group that does not exist either fails to start or, with
    /// `awslogs-create-group`, creates one without retention or encryption.
    ///
    /// # Remediation
    /// Create the log group with the stack (retention and key included) or correct `awslogs-group`.
    CHECK {
        id: "ECS-009",
        title: "awslogs points at a log group of the stack",
        severity: Medium,
        references: [Seed("000", "Proper log streaming from ECS tasks"), Seed("002", "Configure CloudWatch Logs integration for ECS tasks")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(&ctx.inventory.task_definitions, &[], |task| {
        let offending: Vec<&str> = task
            .containers
            .iter()
            .filter(|c| {
                c.log_options
                    .get("awslogs-group")
                    .is_some_and(|g| !ctx.inventory.log_groups.iter().any(|l| &l.name == g))
            })
            .map(|c| c.name.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            "log groups exist in the stack",
            format!("log groups not in the stack: {offending:?}"),
        )
        .with(Evidence::new(
            "containers[].log_options.awslogs-group",
            &offending,
            "log groups exist in the stack",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
