use super::super::prelude::*;

declare_check! {
    /// Serverless v2 scales capacity with load; without a scaling range the cluster cannot host
    /// `db.serverless` instances, and a minimum of 0 ACU pauses it when idle (the first
    /// connection afterwards waits for it to resume: no fit for transactional traffic).
    ///
    /// # Remediation
    /// Set `ServerlessV2ScalingConfiguration` (MinCapacity ≥ 0.5, MaxCapacity) and use `db.serverless` instances.
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
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        let range = (cluster.serverless_v2_min_acu, cluster.serverless_v2_max_acu);
        let ok = matches!(range, (Some(min), Some(max)) if min > 0.0 && max >= min);
        let problem = match range {
            (Some(min), _) if min <= 0.0 => "minimum 0 ACU: the cluster pauses when idle",
            (Some(min), Some(max)) if max < min => "maximum below minimum",
            _ => "no Serverless v2 capacity range",
        };
        Finding::verdict(
            cluster.reference(),
            ok,
            format!("{range} ACU", range = W(&range)),
            problem,
        )
        .with(Evidence::new(
            "serverless_v2_scaling_configuration",
            range,
            "min > 0, max ≥ min",
            op::RDS_CLUSTERS,
        ))
    })
}
