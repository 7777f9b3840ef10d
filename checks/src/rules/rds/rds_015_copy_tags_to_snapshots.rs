use super::super::prelude::*;

declare_check! {
    /// Snapshots without the cluster's tags escape cost allocation, ownership and tag-based access
    /// policies.
    ///
    /// # Remediation
    /// `aws rds modify-db-cluster --copy-tags-to-snapshot`.
    CHECK {
        id: "RDS-015",
        title: "Aurora clusters copy tags to snapshots",
        severity: Low,
        references: [Fsbp("RDS.16")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        Finding::verdict(
            cluster.reference(),
            cluster.copy_tags_to_snapshot,
            "tags copied",
            "tags not copied to snapshots",
        )
        .with(Evidence::new(
            "copy_tags_to_snapshot",
            cluster.copy_tags_to_snapshot,
            "true",
            op::RDS_CLUSTERS,
        ))
    })
}
