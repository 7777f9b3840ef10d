use super::super::prelude::*;

declare_check! {
    /// Drivers, extensions and backup tooling are written for one engine.
    ///
    /// # Remediation
    /// Migrate to a cluster of the profiled engine (snapshot restore or DMS).
    CHECK {
        id: "RDS-007",
        title: "Aurora clusters run the profiled engine",
        severity: Medium,
        references: [Seed("000", "RDS Aurora PostgreSQL cluster with one writer and one reader instance"), Seed("001", "Aurora PostgreSQL Serverless v2 cluster for transactional data"), Seed("002", "Create RDS Aurora PostgreSQL cluster with 2 instances across different AZs")],
        params: ["database.engine"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.database.engine else {
        return ctx.param_not_set("database.engine");
    };
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        Finding::verdict(
            cluster.reference(),
            &cluster.engine == expected,
            expected.clone(),
            format!("{}, expected {expected}", cluster.engine),
        )
        .with(Evidence::new(
            "engine",
            &cluster.engine,
            expected.clone(),
            op::RDS_CLUSTERS,
        ))
    })
}
