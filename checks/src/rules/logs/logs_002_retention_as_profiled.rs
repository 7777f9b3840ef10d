use super::super::prelude::*;

declare_check! {
    /// The seeds fix log retention exactly (30 days for compliance, 3 days for the blue-green
    /// service): shorter loses audit evidence, longer keeps data past its policy.
    ///
    /// # Remediation
    /// Set the log group's retention to the profiled number of days.
    CHECK {
        id: "LOGS-002",
        title: "Log group retention is as profiled",
        severity: Medium,
        references: [Seed("000", "30-day retention period for all log groups"), Seed("001", "retention period of exactly 30 days"), Seed("002", "log group retention of 3 days"), Seed("004", "30-day retention policy on all log groups")],
        params: ["logs.retention_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.logs.retention_days else {
        return ctx.param_not_set("logs.retention_days");
    };
    ctx.each(ctx.inventory.log_groups(), &[], |group| {
        let observed = group.retention_days;
        Finding::verdict(
            group.reference(),
            observed == Some(expected),
            format!("{expected} days"),
            format!(
                "retention {observed} days, expected {expected}",
                observed = W(&observed)
            ),
        )
        .with(Evidence::new(
            "retention_days",
            observed,
            format!("{expected}"),
            op::LOGS_GROUPS,
        ))
    })
}
