use super::super::prelude::*;

declare_check! {
    /// Instance count is the failover promise: one instance means minutes of downtime on failure.
    ///
    /// # Remediation
    /// Add or remove reader instances (`aws rds create-db-instance --db-cluster-identifier …`).
    CHECK {
        id: "RDS-008",
        title: "Aurora clusters have the profiled number of instances",
        severity: High,
        references: [Seed("000", "RDS Aurora PostgreSQL cluster with one writer and one reader instance"), Seed("002", "Create RDS Aurora PostgreSQL cluster with 2 instances across different AZs"), Seed("003", "Configure RDS Aurora clusters with appropriate instance counts (1 for dev, 2 for staging, 3 for prod)")],
        params: ["database.instance_count"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.database.instance_count else {
        return ctx.param_not_set("database.instance_count");
    };
    ctx.each(ctx.inventory.db_clusters(), &["members"], |cluster| {
        let count = cluster.members.len();
        Finding::verdict(
            cluster.reference(),
            count == expected,
            format!("{count} instances"),
            format!("{count} instances, expected {expected}"),
        )
        .with(Evidence::new(
            "db_cluster_members",
            &cluster.members,
            format!("{expected} members"),
            op::RDS_CLUSTERS,
        ))
    })
}
