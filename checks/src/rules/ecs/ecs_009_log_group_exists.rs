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
    super::judge_containers(
        ctx,
        "containers[].log_options.awslogs-group",
        "log groups exist in the stack",
        "log groups not in the stack",
        |c| {
            super::named_if(
                c,
                c.log_options
                    .get("awslogs-group")
                    .is_some_and(|g| ctx.log_group(g).is_none()),
            )
        },
    )
}
