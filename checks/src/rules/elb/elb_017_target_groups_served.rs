use super::super::prelude::*;

declare_check! {
    /// A target group no listener forwards to receives no traffic: a service registered there is
    /// unreachable, and the group is usually a leftover.
    ///
    /// # Remediation
    /// Reference the group from a listener's default action or a rule, or delete it.
    CHECK {
        id: "ELB-017",
        title: "Every target group is served by a listener",
        severity: Low,
        references: [Seed("000", "Target groups configured for ECS services"), Seed("004", "Target groups created for frontend and api-gateway services")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.target_groups(), &[], |group| {
        let served: Vec<&str> = ctx
            .listeners_forwarding_to(&group.arn)
            .iter()
            .map(|l| l.arn.as_str())
            .collect();
        Finding::verdict(
            group.reference(),
            !served.is_empty(),
            format!("served by {served}", served = W(&served)),
            "no listener forwards to it",
        )
        .with(Evidence::new(
            "listeners forwarding here",
            &served,
            "at least one",
            op::ELB_RULES,
        ))
    })
}
