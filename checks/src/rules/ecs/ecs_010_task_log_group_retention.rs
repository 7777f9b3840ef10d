use super::super::prelude::*;

declare_check! {
    /// The log group a container writes to is where its audit trail lives; its retention must match
    /// the spec, whatever other log groups the stack has.
    ///
    /// # Remediation
    /// Set the retention of the log group named in `awslogs-group` (`aws logs put-retention-policy`).
    CHECK {
        id: "ECS-010",
        title: "Task log groups keep events for the profiled days",
        severity: Medium,
        references: [Seed("000", "30-day retention period for all log groups"), Seed("002", "Use awslogs driver with log group retention of 3 days"), Seed("004", "Container logs must stream to CloudWatch Log Groups with 30-day retention")],
        params: ["logs.retention_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.logs.retention_days else {
        return ctx.param_not_set("logs.retention_days");
    };
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let named: Vec<&str> = (task.containers.iter())
            .filter_map(|c| c.log_options.get("awslogs-group"))
            .map(String::as_str)
            .collect();
        if named.is_empty() {
            // Nothing to keep: whether the task should log to CloudWatch is ECS-007's verdict.
            return Finding::skip(
                task.reference(),
                "no container sends its logs to a CloudWatch log group (ECS-007 judges the \
                 log driver)",
            );
        }
        let groups: Vec<(&str, Option<i32>)> = (named.iter())
            .filter_map(|name| Some((*name, ctx.log_group(name)?.retention_days)))
            .collect();
        if groups.is_empty() {
            // A group that does not exist keeps nothing for any time: ECS-009's verdict.
            return Finding::skip(
                task.reference(),
                format!(
                    "log group {} does not exist (ECS-009 judges that)",
                    W(&named)
                ),
            );
        }
        let wrong: Vec<&(&str, Option<i32>)> = groups
            .iter()
            .filter(|(_, days)| *days != Some(expected))
            .collect();
        Finding::verdict(
            task.reference(),
            wrong.is_empty(),
            format!("{expected} days"),
            format!(
                "log groups (name, retention) not at {expected} days: {wrong}",
                wrong = W(&wrong)
            ),
        )
        .with(Evidence::new(
            "awslogs-group → retention_days",
            &groups,
            format!("{expected}"),
            op::LOGS_GROUPS,
        ))
    })
}
