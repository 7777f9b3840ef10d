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
    ctx.each(ctx.inventory.load_balancers.iter(), &["attributes"], |lb| {
        let value = lb
            .attributes
            .get("deletion_protection.enabled")
            .map(String::as_str);
        Finding::verdict(
            lb.reference(),
            value.unwrap_or("false") == expected,
            format!("deletion_protection.enabled = {value:?}"),
            format!("deletion_protection.enabled = {value:?}, expected the profiled state"),
        )
        .with(Evidence::new(
            "attributes.deletion_protection.enabled",
            value,
            "the profiled state",
            op::ELB_ATTRIBUTES,
        ))
    })
}
