use super::super::prelude::*;

declare_check! {
    /// Seeds fix the backup retention window exactly (35 days for the analytics platform): it
    /// is both a recovery promise and a data-retention limit.
    ///
    /// # Remediation
    /// Modify the cluster's `BackupRetentionPeriod` to the profiled number of days.
    CHECK {
        id: "RDS-001",
        title: "Aurora backup retention is exactly as profiled",
        severity: Medium,
        references: [Seed("001", "Backup retention period of exactly 35 days")],
        params: ["database.backup_retention_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.database.backup_retention_days else {
        return ctx.param_not_set("database.backup_retention_days");
    };
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        let observed = cluster.backup_retention_days;
        Finding::verdict(
            cluster.reference(),
            observed == Some(expected),
            format!("{expected} days"),
            format!(
                "backup retention {observed}, expected {expected}",
                observed = W(&observed)
            ),
        )
        .with(Evidence::new(
            "backup_retention_days",
            observed,
            format!("{expected}"),
            op::RDS_CLUSTERS,
        ))
    })
}
