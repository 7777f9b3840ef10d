use super::super::prelude::*;

declare_check! {
    /// Without a log driver the container's output is lost when the task stops; awslogs sends it to
    /// CloudWatch Logs where retention and encryption are under the stack's control.
    ///
    /// # Remediation
    /// Add a `logConfiguration` with `logDriver: awslogs` and the `awslogs-group` and `awslogs-region` options.
    CHECK {
        id: "ECS-007",
        title: "Containers log through the awslogs driver",
        severity: Medium,
        references: [Fsbp("ECS.9"), PciDss4("10.2.1"), Seed("002", "Use awslogs driver with log group retention of 3 days"), Seed("004", "Container logging drivers configured in task definitions")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::judge_containers(
        ctx,
        "containers[].log_configuration.log_driver",
        "awslogs everywhere",
        "containers without awslogs",
        |c| super::named_if(c, c.log_driver.as_deref() != Some("awslogs")),
    )
}
