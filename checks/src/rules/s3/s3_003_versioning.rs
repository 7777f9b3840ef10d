use super::super::prelude::*;

declare_check! {
    /// Versioning keeps overwritten and deleted objects recoverable: the data lake's protection
    /// against bad jobs and ransomware alike.
    ///
    /// # Remediation
    /// Enable versioning on the bucket.
    CHECK {
        id: "S3-003",
        title: "S3 buckets have versioning enabled",
        severity: Medium,
        references: [Fsbp("S3.14"), Seed("001", "S3 versioning enabled")],
        params: ["storage.versioning"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.storage.versioning != Some(true) {
        return ctx.param_not_set("storage.versioning");
    }
    ctx.each(ctx.inventory.buckets(), &["versioning"], |bucket| {
        let status = bucket.versioning.as_deref();
        Finding::verdict(
            bucket.reference(),
            status == Some("Enabled"),
            "versioning enabled",
            format!("versioning is {}", status.unwrap_or("never enabled")),
        )
        .with(Evidence::new(
            "versioning",
            status,
            "Enabled",
            op::S3_VERSIONING,
        ))
    })
}
