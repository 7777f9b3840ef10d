use super::super::prelude::*;

declare_check! {
    /// Readers take read traffic and are the failover targets; a cluster without them fails over by
    /// creating a new instance.
    ///
    /// # Remediation
    /// Add reader instances to the cluster.
    CHECK {
        id: "RDS-009",
        title: "Aurora clusters have one writer and the profiled readers",
        severity: High,
        references: [Seed("000", "RDS Aurora PostgreSQL cluster with one writer and one reader instance"), Seed("003", "RDS Aurora PostgreSQL clusters with read replicas")],
        params: ["database.reader_count"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.database.reader_count else {
        return ctx.param_not_set("database.reader_count");
    };
    ctx.each(ctx.inventory.db_clusters(), &["members"], |cluster| {
        let writers = usize::from(cluster.writer.is_some());
        let readers = cluster.members.len().saturating_sub(writers);
        Finding::verdict(
            cluster.reference(),
            writers == 1 && readers == expected,
            format!("1 writer, {readers} readers"),
            format!("{writers} writer(s), {readers} reader(s), expected 1 and {expected}"),
        )
        .with(Evidence::new(
            "writer/members",
            (&cluster.writer, &cluster.members),
            format!("1 writer, {expected} readers"),
            op::RDS_CLUSTERS,
        ))
    })
}
