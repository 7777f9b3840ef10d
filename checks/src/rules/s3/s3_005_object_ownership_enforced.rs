use super::super::prelude::*;

declare_check! {
    /// With ACLs enabled, objects written by other accounts stay theirs and ACL grants bypass the
    /// bucket policy; `BucketOwnerEnforced` makes the policy the only word.
    ///
    /// # Remediation
    /// `aws s3api put-bucket-ownership-controls --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]`.
    CHECK {
        id: "S3-005",
        title: "Bucket ACLs are disabled (owner enforced)",
        severity: Medium,
        references: [Fsbp("S3.12"), PciDss4("7.2.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.buckets(), &["object_ownership"], |bucket| {
        let ownership = bucket.object_ownership.as_deref();
        Finding::verdict(
            bucket.reference(),
            ownership == Some("BucketOwnerEnforced"),
            "BucketOwnerEnforced",
            format!("object ownership {ownership}", ownership = W(&ownership)),
        )
        .with(Evidence::new(
            "ownership_controls.object_ownership",
            ownership,
            "BucketOwnerEnforced",
            op::S3_OWNERSHIP,
        ))
    })
}
