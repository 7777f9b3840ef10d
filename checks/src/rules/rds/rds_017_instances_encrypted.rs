use super::super::prelude::*;

declare_check! {
    /// Instance storage, its snapshots and replicas are only encrypted when the cluster was created
    /// encrypted; it cannot be switched on later.
    ///
    /// # Remediation
    /// Restore from an encrypted snapshot copy into a new encrypted cluster.
    CHECK {
        id: "RDS-017",
        title: "Aurora instances are encrypted at rest",
        severity: High,
        references: [Fsbp("RDS.3"), PciDss4("3.5.1"), Seed("000", "Security: Least-privilege IAM policies, no public database access, encrypted storage")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.db_instances(), &[], |instance| {
        Finding::verdict(
            instance.reference(),
            instance.storage_encrypted,
            "encrypted",
            "not encrypted",
        )
        .with(Evidence::new(
            "storage_encrypted",
            instance.storage_encrypted,
            "true",
            op::RDS_INSTANCES,
        ))
    })
}
