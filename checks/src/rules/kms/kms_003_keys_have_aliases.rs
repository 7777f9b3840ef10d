use super::super::prelude::*;

declare_check! {
    /// A key without an alias is a UUID nobody can attribute: key policies, audits and rotations get
    /// done on the wrong key.
    ///
    /// # Remediation
    /// `aws kms create-alias --alias-name alias/<name>-<suffix> --target-key-id …`.
    CHECK {
        id: "KMS-003",
        title: "Customer-managed keys have an alias",
        severity: Low,
        references: [Seed("001", "ALL named resources (S3 buckets, ECS clusters, RDS clusters, KMS keys, CloudWatch log groups) must include the environmentSuffix")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let customer = ctx.customer_keys();
    ctx.each(customer, &["aliases"], |key| {
        Finding::verdict(
            key.reference(),
            !key.aliases.is_empty(),
            format!("{}", W(&key.aliases)),
            "no alias",
        )
        .with(Evidence::new(
            "aliases",
            &key.aliases,
            "≥ 1 alias",
            op::KMS_ALIASES,
        ))
    })
}
