use super::super::prelude::*;

declare_check! {
    /// A customer key puts image decryption under the stack's key policy and CloudTrail.
    ///
    /// # Remediation
    /// Recreate the repository with `encryptionConfiguration={encryptionType=KMS,kmsKey=…}` (it cannot be changed in place).
    CHECK {
        id: "ECR-004",
        title: "ECR repositories are encrypted with a customer-managed key",
        severity: Low,
        references: [PciDss4("3.5.1")],
        params: ["platform.ecr_customer_key"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.platform.ecr_customer_key != Some(true) {
        return ctx.param_not_set("platform.ecr_customer_key");
    }
    ctx.each(ctx.inventory.ecr_repositories(), &[], |repository| {
        let customer = repository.encryption_type.as_deref() == Some("KMS")
            && repository
                .kms_key
                .as_deref()
                .and_then(|k| ctx.is_customer_key(k))
                .unwrap_or(repository.kms_key.is_some());
        Finding::verdict(
            repository.reference(),
            customer,
            "customer-managed key",
            format!(
                "{} / {}",
                W(&repository.encryption_type),
                W(&repository.kms_key)
            ),
        )
        .with(Evidence::new(
            "encryption_configuration",
            (&repository.encryption_type, &repository.kms_key),
            "KMS with a customer key",
            op::ECR_REPOSITORIES,
        ))
    })
}
