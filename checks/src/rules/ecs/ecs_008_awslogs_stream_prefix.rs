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
    super::judge_containers(
        ctx,
        "containers[].log_options.awslogs-stream-prefix",
        "stream prefixes set",
        "awslogs without a stream prefix",
        |c| {
            super::named_if(
                c,
                c.log_driver.as_deref() == Some("awslogs")
                    && c.log_options
                        .get("awslogs-stream-prefix")
                        .is_none_or(|p| p.is_empty()),
            )
        },
    )
}
