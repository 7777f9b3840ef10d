use super::super::prelude::*;

declare_check! {
    /// Data residency, latency and the disaster-recovery plan all assume the region the spec names.
    ///
    /// # Remediation
    /// Deploy the stack to the profiled region (and remove the copy elsewhere).
    CHECK {
        id: "STACK-001",
        title: "The stack is in the profiled region",
        severity: High,
        references: [Seed("000", "Deploy to us-east-1 region"), Seed("001", "Deploy to us-east-2 region"), Seed("002", "Deploy to us-east-1 region"), Seed("004", "Deploy to us-east-1 region"), Seed("003", "Multi-region AWS deployment spanning us-east-1 (production), us-east-1 (staging), and us-east-2 (development)")],
        params: ["stack.region"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.stack.region else {
        return ctx.param_not_set("stack.region");
    };
    let Some(observed) = ctx.inventory.meta().region.as_deref() else {
        return vec![Finding::new(
            ResourceRef::stack(),
            Status::Error,
            "the collection recorded no region",
        )];
    };
    if ctx.inventory.all().resource_count() == ctx.inventory.all().unreadable().len() {
        return vec![Finding::new(
            ResourceRef::stack(),
            Status::Error,
            format!("no resource could be read in {observed}"),
        )];
    }
    vec![
        Finding::verdict(
            ResourceRef::stack(),
            observed == expected,
            observed.to_string(),
            format!("{observed}, expected {expected}"),
        )
        .with(Evidence::new(
            "meta.region",
            observed,
            expected.clone(),
            "sdk configuration",
        )),
    ]
}
