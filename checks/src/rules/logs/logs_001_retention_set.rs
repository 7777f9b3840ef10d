use super::super::prelude::*;

declare_check! {
    /// A log group without retention keeps everything forever: cost grows without bound and
    /// personal data outlives every retention policy the company has.
    ///
    /// # Remediation
    /// Set a retention period on the log group (`put-retention-policy`).
    CHECK {
        id: "LOGS-001",
        title: "Every log group has a retention period",
        severity: Medium,
        references: [PciDss4("10.5.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.log_groups(), &[], |group| {
        Finding::verdict(
            group.reference(),
            group.retention_days.is_some(),
            "retention set",
            "retention never expires",
        )
        .with(Evidence::new(
            "retention_days",
            group.retention_days,
            "a number of days",
            op::LOGS_GROUPS,
        ))
    })
}
