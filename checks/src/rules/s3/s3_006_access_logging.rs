use super::super::prelude::*;

declare_check! {
    /// Server access logs record every request to the data; a bucket logging into itself loops and
    /// hides tampering with its own logs.
    ///
    /// # Remediation
    /// `aws s3api put-bucket-logging` with a separate log bucket as target.
    CHECK {
        id: "S3-006",
        title: "Buckets log server access to another bucket",
        severity: Medium,
        references: [Fsbp("S3.9"), PciDss4("10.2.1"), Seed("000", "S3 bucket for application logs")],
        params: ["storage.access_logging"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.storage.access_logging != Some(true) {
        return ctx.param_not_set("storage.access_logging");
    }
    // Log buckets themselves (S3 or load balancer access logs) are exempt: they would log into
    // a loop.
    let log_buckets = match ctx.log_delivery_buckets() {
        Ok(log_buckets) => log_buckets,
        Err((unread, error)) => {
            let attribute = format!("access log targets ({unread})");
            return (ctx.inventory.buckets().iter())
                .map(|b| Finding::fetch_error(b.reference(), &attribute, error))
                .collect();
        }
    };
    let data = (ctx.inventory.buckets().iter()).filter(|b| !log_buckets.contains(b.name.as_str()));
    ctx.each(data, &["logging_target"], |bucket| {
        let target = bucket.logging_target.as_deref();
        Finding::verdict(
            bucket.reference(),
            target.is_some_and(|t| t != bucket.name),
            format!("logs to {target}", target = W(&target)),
            "no access logging",
        )
        .with(Evidence::new(
            "logging.target_bucket",
            target,
            "another bucket",
            op::S3_LOGGING,
        ))
    })
}
