use super::super::prelude::*;

declare_check! {
    /// A task definition naming a log group that does not exist either fails to start or, with
    /// `awslogs-create-group`, creates one without retention or encryption; one logging into
    /// another stack's group hands its logs to that group's retention, key and readers. A group
    /// is the stack's when an output names it or its name carries the environment suffix.
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
    use super::Ownership;
    super::judge_references(
        ctx,
        "containers[].log_options.awslogs-group",
        ("log groups", "that do not exist"),
        |c| {
            (c.log_options.get("awslogs-group").into_iter())
                .map(|name| {
                    let group = ctx.log_group(name);
                    let arn = group.and_then(|g| g.arn.as_deref());
                    let ids: Vec<&str> = arn.into_iter().collect();
                    let label = format!("{} → {name}", c.name);
                    (
                        label,
                        Ownership::of(group.is_some(), ctx.is_stacks_own(name, &ids)),
                    )
                })
                .collect()
        },
    )
}
