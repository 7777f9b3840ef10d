use super::super::prelude::*;

declare_check! {
    /// The interval decides how fast a dead target leaves rotation; the spec fixes it.
    ///
    /// # Remediation
    /// `aws elbv2 modify-target-group --health-check-interval-seconds` to the profiled value.
    CHECK {
        id: "ELB-013",
        title: "Target group health checks run at the profiled interval",
        severity: Medium,
        references: [Seed("002", "Configure Application Load Balancer with target group health checks every 30 seconds"), Seed("004", "Health check configurations with appropriate thresholds for each target group")],
        params: ["load_balancer.health_check_interval_seconds"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.load_balancer.health_check_interval_seconds else {
        return ctx.param_not_set("load_balancer.health_check_interval_seconds");
    };
    ctx.each(ctx.inventory.target_groups(), &[], |group| {
        let observed = group.health_check.interval_seconds;
        Finding::verdict(
            group.reference(),
            observed == Some(expected),
            format!("{expected} s"),
            format!("{observed} s, expected {expected}", observed = W(&observed)),
        )
        .with(Evidence::new(
            "health_check.interval_seconds",
            observed,
            format!("{expected}"),
            op::ELB_TARGET_GROUPS,
        ))
    })
}
