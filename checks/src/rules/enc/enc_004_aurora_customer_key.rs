use super::super::prelude::*;

declare_check! {
    /// Backups and snapshots inherit the cluster's key. With the default `aws/rds` key they can
    /// be shared or restored by anyone with RDS permissions; a customer key adds a key policy.
    ///
    /// # Remediation
    /// Create the cluster with a customer-managed KMS key (restore from snapshot to change it).
    CHECK {
        id: "ENC-004",
        title: "Aurora clusters are encrypted with a customer-managed key",
        severity: Medium,
        references: [PciDss4("3.6.1"), Seed("001", "Database backups encrypted with customer-managed KMS keys")],
        params: ["encryption.database_customer_key"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.encryption.database_customer_key != Some(true) {
        return ctx.param_not_set("encryption.database_customer_key");
    }
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        let key = cluster
            .kms_key_id
            .as_deref()
            .filter(|_| cluster.storage_encrypted);
        super::judge_customer_key(
            ctx,
            cluster.reference(),
            key,
            "kms_key_id",
            op::RDS_CLUSTERS,
        )
    })
}
