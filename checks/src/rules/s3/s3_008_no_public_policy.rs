use super::super::prelude::*;

declare_check! {
    /// An Allow for `Principal: "*"` without a condition makes the bucket public whatever the
    /// account's intentions.
    ///
    /// # Remediation
    /// Remove the statement or restrict it with a condition (`aws:SourceVpce`, `aws:PrincipalOrgID` …).
    CHECK {
        id: "S3-008",
        title: "Bucket policies grant nothing to everyone",
        severity: Critical,
        references: [Fsbp("S3.2"), Fsbp("S3.3"), PciDss4("1.4.4"), Seed("000", "Proper encryption and access controls")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.buckets(), &["policy"], |bucket| {
        let public: Vec<String> = bucket
            .policy
            .as_ref()
            .map(crate::policy::public_grants)
            .unwrap_or_default();
        Finding::verdict(
            bucket.reference(),
            public.is_empty(),
            "no public grants",
            format!("public grants: {public}", public = W(&public)),
        )
        .with(Evidence::new(
            "policy.Statement[Principal=*]",
            &public,
            "none without a condition",
            op::S3_POLICY,
        ))
    })
}
