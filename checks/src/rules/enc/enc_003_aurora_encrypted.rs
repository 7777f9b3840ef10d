use super::super::prelude::*;

declare_check! {
    /// Unencrypted database storage exposes every row, snapshot and backup to anyone who gets
    /// the volumes; encryption cannot be added to an existing cluster later.
    ///
    /// # Remediation
    /// Restore the cluster from a snapshot into a new cluster with storage encryption on.
    CHECK {
        id: "ENC-003",
        title: "Aurora clusters are encrypted at rest",
        severity: High,
        references: [Fsbp("RDS.27"), PciDss4("3.5.1"), Seed("000", "encrypted storage")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        Finding::verdict(
            cluster.reference(),
            cluster.storage_encrypted,
            "storage encrypted",
            "storage not encrypted",
        )
        .with(Evidence::new(
            "storage_encrypted",
            cluster.storage_encrypted,
            "true",
            op::RDS_CLUSTERS,
        ))
    })
}
