use super::super::prelude::*;

declare_check! {
    /// Thresholds trade flapping against slow failover; the spec sets the trade.
    ///
    /// # Remediation
    /// `aws elbv2 modify-target-group --healthy-threshold-count … --unhealthy-threshold-count …`.
    CHECK {
        id: "ELB-014",
        title: "Target group health-check thresholds are as profiled",
        severity: Low,
        references: [Seed("004", "Health check configurations with appropriate thresholds for each target group"), Seed("004", "Health checks must be implemented with specific thresholds for each service type")],
        params: ["load_balancer.healthy_threshold", "load_balancer.unhealthy_threshold"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let lb = &ctx.profile.load_balancer;
    if lb.healthy_threshold.is_none() && lb.unhealthy_threshold.is_none() {
        return ctx.param_not_set("load_balancer.healthy_threshold");
    }
    ctx.each(ctx.inventory.target_groups(), &[], |group| {
        let check = &group.health_check;
        let observed = (check.healthy_threshold, check.unhealthy_threshold);
        let ok = lb
            .healthy_threshold
            .is_none_or(|h| check.healthy_threshold == Some(h))
            && lb
                .unhealthy_threshold
                .is_none_or(|u| check.unhealthy_threshold == Some(u));
        let expected = format!(
            "healthy {}, unhealthy {}",
            W(&lb.healthy_threshold),
            W(&lb.unhealthy_threshold)
        );
        Finding::verdict(
            group.reference(),
            ok,
            expected.clone(),
            format!(
                "thresholds {observed}, expected {expected}",
                observed = W(&observed)
            ),
        )
        .with(Evidence::new(
            "health_check.(healthy, unhealthy)_threshold",
            observed,
            expected,
            op::ELB_TARGET_GROUPS,
        ))
    })
}
