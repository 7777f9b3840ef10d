use super::super::prelude::*;

declare_check! {
    /// Default encryption guarantees every object is encrypted at rest, whatever the uploader
    /// asks for.
    ///
    /// # Remediation
    /// Set the bucket's default encryption (SSE-S3 at least, SSE-KMS where the profile asks).
    CHECK {
        id: "ENC-001",
        title: "S3 buckets have default encryption",
        severity: High,
        references: [Fsbp("S3.17"), PciDss4("3.5.1"), Seed("000", "Proper encryption and access controls")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.buckets(), &["encryption"], |bucket| {
        let algorithm = bucket.encryption.as_ref().map(|e| e.algorithm.as_str());
        Finding::verdict(
            bucket.reference(),
            algorithm.is_some(),
            "default encryption on",
            "no default encryption",
        )
        .with(Evidence::new(
            "encryption.algorithm",
            algorithm,
            "AES256 or aws:kms",
            op::S3_ENCRYPTION,
        ))
    })
}
