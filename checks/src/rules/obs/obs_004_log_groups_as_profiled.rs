use super::super::prelude::*;

declare_check! {
    /// Logs a service writes without a stack-owned group land in an auto-created group with no
    /// retention or key, or nowhere.
    ///
    /// # Remediation
    /// Create the log groups with the stack (retention and key set).
    CHECK {
        id: "OBS-004",
        title: "The stack has log groups for each profiled service",
        severity: Medium,
        references: [Seed("000", "CloudWatch Log Groups for all services (ECS, RDS, ALB)"), Seed("001", "CloudWatch log groups for all services with KMS encryption"), Seed("004", "CloudWatch log groups for each ECS service")],
        params: ["observability.log_group_prefixes"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(prefixes) = &ctx.profile.observability.log_group_prefixes else {
        return ctx.param_not_set("observability.log_group_prefixes");
    };
    prefixes
        .iter()
        .map(|prefix| {
            let groups = ctx
                .inventory
                .log_groups()
                .iter()
                .filter(|g| g.name.starts_with(prefix.as_str()));
            ctx.exists(
                ResourceRef::new("log-group-prefix", prefix),
                groups,
                &format!("a log group named {prefix}…"),
                op::LOGS_GROUPS,
            )
        })
        .collect()
}
