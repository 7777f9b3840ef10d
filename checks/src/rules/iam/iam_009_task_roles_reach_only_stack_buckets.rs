use super::super::prelude::*;

declare_check! {
    /// A task role that can read any bucket turns one compromised container into a read of the whole
    /// account's data.
    ///
    /// # Remediation
    /// Scope S3 statements to `arn:aws:s3:::<stack bucket>` and `arn:aws:s3:::<stack bucket>/*`.
    CHECK {
        id: "IAM-009",
        title: "Task roles reach only the stack's own buckets",
        severity: High,
        references: [PciDss4("7.2.2"), Seed("000", "ECS task roles can access RDS and S3"), Seed("000", "No overly permissive wildcard permissions")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::task_roles_reach_only_owned(ctx, "s3", |arn| {
        let bucket = arn
            .trim_start_matches("arn:aws:s3:::")
            .split('/')
            .next()
            .unwrap_or("");
        Some(ctx.has_bucket(bucket))
    })
}
