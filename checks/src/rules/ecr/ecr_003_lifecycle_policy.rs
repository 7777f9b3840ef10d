use super::super::prelude::*;

declare_check! {
    /// Without expiry, every build ever pushed stays: cost, and old vulnerable images still pullable.
    ///
    /// # Remediation
    /// `aws ecr put-lifecycle-policy` with at least one `expire` rule.
    CHECK {
        id: "ECR-003",
        title: "ECR repositories have a lifecycle policy that expires images",
        severity: Low,
        references: [Fsbp("ECR.3"), Seed("004", "Lifecycle policies to manage image retention and control costs")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(
        ctx.inventory.ecr_repositories(),
        &["lifecycle_policy"],
        |repository| {
            let expiring = repository
                .lifecycle_policy
                .as_ref()
                .and_then(|p| p.get("rules"))
                .and_then(|r| r.as_array())
                .is_some_and(|rules| {
                    rules.iter().any(|r| {
                        r.pointer("/action/type").and_then(|t| t.as_str()) == Some("expire")
                    })
                });
            Finding::verdict(
                repository.reference(),
                expiring,
                "expires images",
                "no lifecycle rule expires images",
            )
            .with(Evidence::new(
                "lifecycle_policy.rules[].action.type",
                &repository.lifecycle_policy,
                "an expire rule",
                op::ECR_LIFECYCLE,
            ))
        },
    )
}
