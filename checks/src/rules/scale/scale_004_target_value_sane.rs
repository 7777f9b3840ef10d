use super::super::prelude::*;

declare_check! {
    /// A CPU target near 100% scales out only once tasks are saturated; one near 0% never scales in.
    ///
    /// # Remediation
    /// Set the policy's `TargetValue` between 10 and 90 (50–70 is usual).
    CHECK {
        id: "SCALE-004",
        title: "Target-tracking values are between 10 and 90 percent",
        severity: Low,
        references: [Seed("004", "Auto-scaling policies respond to CPU load appropriately")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let tracking = ctx
        .inventory
        .scaling_policies()
        .iter()
        .filter(|p| p.policy_type == "TargetTrackingScaling");
    ctx.each(tracking, &[], |policy| {
        let value = policy.target_value;
        Finding::verdict(
            policy.reference(),
            value.is_some_and(|v| (10.0..=90.0).contains(&v)),
            format!("{value}", value = W(&value)),
            format!("target value {value} outside 10–90", value = W(&value)),
        )
        .with(Evidence::new(
            "target_tracking_scaling_policy_configuration.target_value",
            value,
            "10–90",
            op::SCALING_POLICIES,
        ))
    })
}
