use super::super::prelude::*;

declare_check! {
    /// With a customer-managed key, the stack's owners control who can decrypt the data and can
    /// revoke access by key policy, independently of bucket permissions. Buckets receiving S3 or
    /// load balancer access logs may use SSE-S3: AWS delivers those logs into no other kind.
    ///
    /// # Remediation
    /// Set default encryption to `aws:kms` with a customer-managed key of the stack.
    CHECK {
        id: "ENC-002",
        title: "S3 buckets use SSE-KMS with a customer-managed key",
        severity: Medium,
        references: [Fsbp("S3.17"), PciDss4("3.6.1"), Seed("001", "Customer-managed KMS keys")],
        params: ["encryption.s3_customer_key"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.encryption.s3_customer_key != Some(true) {
        return ctx.param_not_set("encryption.s3_customer_key");
    }
    let log_buckets = ctx.log_delivery_buckets();
    ctx.each(ctx.inventory.buckets(), &["encryption"], |bucket| {
        let algorithm = bucket.encryption.as_ref().map(|e| e.algorithm.as_str());
        let receives_logs = match &log_buckets {
            Ok(log_buckets) => log_buckets.contains(bucket.name.as_str()),
            Err(_) if algorithm != Some("AES256") => false,
            Err((unread, error)) => {
                let attribute = format!("access log targets ({unread})");
                return Finding::fetch_error(bucket.reference(), &attribute, error);
            }
        };
        if algorithm == Some("AES256") && receives_logs {
            return Finding::pass(
                bucket.reference(),
                "SSE-S3: receives access logs, which AWS delivers into SSE-S3 buckets only",
            )
            .with(Evidence::new(
                "encryption.algorithm",
                algorithm,
                "aws:kms, or AES256 for a log delivery bucket",
                op::S3_ENCRYPTION,
            ));
        }
        let key = bucket
            .encryption
            .as_ref()
            .filter(|e| e.algorithm.starts_with("aws:kms"))
            .and_then(|e| e.kms_key_id.as_deref());
        super::judge_customer_key(
            ctx,
            bucket.reference(),
            key,
            "encryption.kms_key_id",
            op::S3_ENCRYPTION,
        )
    })
}
