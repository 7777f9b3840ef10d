use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// Without a policy that denies `aws:SecureTransport = false`, clients can read and write
    /// the bucket over plain HTTP.
    ///
    /// # Remediation
    /// Add a bucket policy statement denying `s3:*` when `aws:SecureTransport` is `false`.
    CHECK {
        id: "S3-002",
        title: "S3 buckets require TLS",
        severity: Medium,
        references: [Fsbp("S3.5"), Cis("2.1.1"), PciDss4("4.2.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.buckets(), &["policy"], |bucket| {
        let denies_plain_http = bucket.policy.as_ref().is_some_and(|document| {
            let raw = document.to_string();
            policy::statements(document)
                .iter()
                .any(|s| !s.allow && s.has_condition)
                && raw.contains("aws:SecureTransport")
        });
        Finding::verdict(
            bucket.reference(),
            denies_plain_http,
            "denies requests without TLS",
            "no statement denies aws:SecureTransport=false",
        )
        .with(Evidence::new(
            "policy",
            &bucket.policy,
            "Deny when aws:SecureTransport is false",
            op::S3_POLICY,
        ))
    })
}
