use super::super::prelude::*;

declare_check! {
    /// Automated backups are the point-in-time recovery window; below the profiled minimum a
    /// bad migration discovered a few days late cannot be undone.
    ///
    /// # Remediation
    /// Raise the cluster's `BackupRetentionPeriod` to at least the profiled days.
    CHECK {
        id: "RDS-002",
        title: "Aurora backup retention is at least the profiled minimum",
        severity: Medium,
        references: [Fsbp("RDS.11"), Seed("000", "minimal backup retention (1 day)"), Seed("002", "automatic RDS snapshots with 7-day retention period")],
        params: ["database.min_backup_retention_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(minimum) = ctx.profile.database.min_backup_retention_days else {
        return ctx.param_not_set("database.min_backup_retention_days");
    };
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        let observed = cluster.backup_retention_days;
        Finding::verdict(
            cluster.reference(),
            observed.is_some_and(|days| days >= minimum),
            format!("≥ {minimum} days"),
            format!(
                "backup retention {observed}, minimum {minimum}",
                observed = W(&observed)
            ),
        )
        .with(Evidence::new(
            "backup_retention_days",
            observed,
            format!("≥ {minimum}"),
            op::RDS_CLUSTERS,
        ))
    })
}
