use super::super::prelude::*;

declare_check! {
    /// Without `awslogs-stream-prefix` log streams are named by task id alone and cannot be traced back to
    /// a container or service.
    ///
    /// # Remediation
    /// Set the `awslogs-stream-prefix` option (the service name is the usual choice).
    CHECK {
        id: "ECS-008",
        title: "awslogs has a stream prefix",
        severity: Low,
        references: [Seed("004", "Proper log stream prefixes for organization")],
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
                c.log_driver.as_deref() == Some("awslogs")
                    && c.log_options
                        .get("awslogs-stream-prefix")
                        .is_none_or(|p| p.is_empty())
            })
            .map(|c| c.name.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            "stream prefixes set",
            format!("awslogs without a stream prefix: {offending:?}"),
        )
        .with(Evidence::new(
            "containers[].log_options.awslogs-stream-prefix",
            &offending,
            "stream prefixes set",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
