use super::super::prelude::*;

declare_check! {
    /// Production entry points are protected against accidental deletion; throw-away stacks must not
    /// be, or teardown fails.
    ///
    /// # Remediation
    /// Set `deletion_protection.enabled` to the profiled value.
    CHECK {
        id: "ELB-008",
        title: "Load balancer deletion protection is as profiled",
        severity: Medium,
        references: [Fsbp("ELB.6"), Seed("000", "Do NOT use deletion protection on any resources"), Seed("004", "No RemovalPolicy.RETAIN or deletionProtection flags allowed")],
        params: ["load_balancer.deletion_protection"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(wanted) = ctx.profile.load_balancer.deletion_protection else {
        return ctx.param_not_set("load_balancer.deletion_protection");
    };
    let expected = if wanted { "true" } else { "false" };
    super::attribute_verdicts(
        ctx,
        ctx.inventory.load_balancers(),
        "deletion_protection.enabled",
        |value| value.unwrap_or("false") == expected,
        expected,
    )
}
