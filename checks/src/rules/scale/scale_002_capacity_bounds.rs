use super::super::prelude::*;

declare_check! {
    /// The minimum is the availability floor, the maximum the cost ceiling.
    ///
    /// # Remediation
    /// `aws application-autoscaling register-scalable-target --min-capacity … --max-capacity …`.
    CHECK {
        id: "SCALE-002",
        title: "Scalable targets have the profiled minimum and maximum",
        severity: Medium,
        references: [Seed("004", "Auto-scaling must be configured based on CPU utilization with min 2 and max 10 tasks per service")],
        params: ["platform.scaling_min", "platform.scaling_max"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let platform = &ctx.profile.platform;
    if platform.scaling_min.is_none() && platform.scaling_max.is_none() {
        return ctx.param_not_set("platform.scaling_min");
    }
    ctx.each(ctx.inventory.scalable_targets(), &[], |target| {
        let observed = (target.min_capacity, target.max_capacity);
        let ok = platform
            .scaling_min
            .is_none_or(|m| target.min_capacity == Some(m))
            && platform
                .scaling_max
                .is_none_or(|m| target.max_capacity == Some(m));
        let expected = format!(
            "min {}, max {}",
            W(&platform.scaling_min),
            W(&platform.scaling_max)
        );
        Finding::verdict(
            target.reference(),
            ok,
            expected.clone(),
            format!("{observed}, expected {expected}", observed = W(&observed)),
        )
        .with(Evidence::new(
            "(min_capacity, max_capacity)",
            observed,
            expected,
            op::SCALABLE_TARGETS,
        ))
    })
}
