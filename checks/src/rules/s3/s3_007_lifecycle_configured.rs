use super::super::prelude::*;

declare_check! {
    /// Without lifecycle rules data and old versions accumulate forever: cost, and retention beyond
    /// what the data policy allows.
    ///
    /// # Remediation
    /// Add a lifecycle configuration with at least one enabled rule (transition or expiration).
    CHECK {
        id: "S3-007",
        title: "Buckets have an enabled lifecycle rule",
        severity: Low,
        references: [Fsbp("S3.13"), Seed("001", "S3 versioning enabled with lifecycle policies to transition objects older than 90 days to Glacier")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.buckets(), &["lifecycle_rules"], |bucket| {
        let enabled = bucket.lifecycle_rules.iter().filter(|r| r.enabled).count();
        Finding::verdict(
            bucket.reference(),
            enabled > 0,
            format!("{enabled} enabled rule(s)"),
            "no enabled lifecycle rule",
        )
        .with(Evidence::new(
            "lifecycle_rules[].status",
            enabled,
            "≥ 1 Enabled",
            op::S3_LIFECYCLE,
        ))
    })
}
