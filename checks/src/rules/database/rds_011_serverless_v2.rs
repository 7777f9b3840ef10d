use super::super::prelude::*;

declare_check! {
    /// Serverless v2 scales capacity with load; without a scaling range the cluster cannot host
    /// `db.serverless` instances.
    ///
    /// # Remediation
    /// Set `ServerlessV2ScalingConfiguration` (MinCapacity, MaxCapacity) and use `db.serverless` instances.
    CHECK {
        id: "RDS-011",
        title: "Aurora clusters run Serverless v2 with a capacity range",
        severity: Medium,
        references: [Seed("001", "Aurora PostgreSQL Serverless v2 cluster for transactional data"), Seed("000", "Prefer Aurora Serverless v2 for faster provisioning if possible")],
        params: ["database.serverless_v2"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.database.serverless_v2 != Some(true) {
        return ctx.param_not_set("database.serverless_v2");
    }
    ctx.each(&ctx.inventory.db_clusters, &[], |cluster| {
        let range = (cluster.serverless_v2_min_acu, cluster.serverless_v2_max_acu);
        let ok = matches!(range, (Some(min), Some(max)) if min > 0.0 && max >= min);
        Finding::verdict(
            cluster.reference(),
            ok,
            format!("{range:?} ACU"),
            "no Serverless v2 capacity range",
        )
        .with(Evidence::new(
            "serverless_v2_scaling_configuration",
            range,
            "min > 0, max ≥ min",
            op::RDS_CLUSTERS,
        ))
    })
}
