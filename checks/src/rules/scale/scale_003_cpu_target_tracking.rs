use super::super::prelude::*;

declare_check! {
    /// A scalable target without a policy never scales; target tracking on CPU is what the spec asks.
    ///
    /// # Remediation
    /// `aws application-autoscaling put-scaling-policy --policy-type TargetTrackingScaling` with `ECSServiceAverageCPUUtilization`.
    CHECK {
        id: "SCALE-003",
        title: "Scalable targets have a CPU target-tracking policy",
        severity: Medium,
        references: [Seed("004", "Auto-scaling policies based on CPU utilization with min 2 and max 10 tasks")],
        params: ["platform.cpu_target_tracking"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.platform.cpu_target_tracking != Some(true) {
        return ctx.param_not_set("platform.cpu_target_tracking");
    }
    ctx.each(ctx.inventory.scalable_targets(), &[], |target| {
        let policy = ctx
            .scaling_policies_of(&target.resource_id)
            .iter()
            .find(|p| {
                p.policy_type == "TargetTrackingScaling"
                    && p.predefined_metric.as_deref() == Some("ECSServiceAverageCPUUtilization")
            });
        Finding::verdict(
            target.reference(),
            policy.is_some(),
            format!("{}", W(&policy.map(|p| &p.name))),
            "no CPU target-tracking policy",
        )
        .with(Evidence::new(
            "scaling_policies[]",
            policy.map(|p| (&p.name, p.target_value)),
            "TargetTrackingScaling on ECSServiceAverageCPUUtilization",
            op::SCALING_POLICIES,
        ))
    })
}
