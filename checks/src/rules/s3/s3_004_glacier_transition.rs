use super::super::prelude::*;

declare_check! {
    /// The analytics seed moves objects older than 90 days to Glacier: an enabled lifecycle
    /// rule must transition to a Glacier class at exactly that age.
    ///
    /// # Remediation
    /// Add an enabled lifecycle rule with a transition to `GLACIER` after the profiled days.
    CHECK {
        id: "S3-004",
        title: "S3 buckets transition objects to Glacier as profiled",
        severity: Low,
        references: [Fsbp("S3.13"), Seed("001", "lifecycle policies to transition objects older than 90 days to Glacier")],
        params: ["storage.glacier_transition_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(days) = ctx.profile.storage.glacier_transition_days else {
        return ctx.param_not_set("storage.glacier_transition_days");
    };
    ctx.each(ctx.inventory.buckets(), &["lifecycle_rules"], |bucket| {
        let transitions: Vec<&LifecycleTransition> = bucket
            .lifecycle_rules
            .iter()
            .filter(|r| r.enabled)
            .flat_map(|r| &r.transitions)
            .collect();
        let ok = transitions
            .iter()
            .any(|t| t.days == Some(days) && t.storage_class.starts_with("GLACIER"));
        Finding::verdict(
            bucket.reference(),
            ok,
            format!("Glacier after {days} days"),
            format!("no enabled transition to Glacier after {days} days"),
        )
        .with(Evidence::new(
            "lifecycle_rules[enabled].transitions",
            &transitions,
            format!("GLACIER after {days} days"),
            op::S3_LIFECYCLE,
        ))
    })
}
