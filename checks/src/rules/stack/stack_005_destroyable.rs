use super::super::prelude::*;

declare_check! {
    /// CI environments are created and destroyed per run; one protected resource makes every
    /// teardown fail and leaks cost.
    ///
    /// # Remediation
    /// Turn deletion protection off on the listed resources.
    CHECK {
        id: "STACK-005",
        title: "Nothing in the stack blocks its teardown",
        severity: High,
        references: [Seed("000", "Do NOT use deletion protection on any resources"), Seed("001", "All resources must be destroyable - no RETAIN deletion policies or deletion protection"), Seed("002", "ALL resources MUST be destroyable"), Seed("003", "All resources MUST be destroyable after testing"), Seed("004", "All resources must be destroyable (no Retain deletion policies or deletion protection)")],
        params: ["stack.destroyable"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.stack.destroyable != Some(true) {
        return ctx.param_not_set("stack.destroyable");
    }
    let clusters = ctx
        .inventory
        .db_clusters()
        .iter()
        .map(|c| (c.reference(), c.deletion_protection, op::RDS_CLUSTERS));
    let lbs = ctx.inventory.load_balancers().iter().map(|lb| {
        let on = lb
            .attributes
            .get("deletion_protection.enabled")
            .is_some_and(|v| v == "true");
        (lb.reference(), on, op::ELB_ATTRIBUTES)
    });
    clusters
        .chain(lbs)
        .map(|(resource, protected, source)| {
            Finding::verdict(
                resource,
                !protected,
                "no deletion protection",
                "deletion protection on",
            )
            .with(Evidence::new(
                "deletion_protection",
                protected,
                "false",
                source,
            ))
        })
        .collect()
}
