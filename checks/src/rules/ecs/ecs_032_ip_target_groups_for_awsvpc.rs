use super::super::prelude::*;

declare_check! {
    /// Fargate and awsvpc tasks register by IP; an `instance` target group cannot hold them and the
    /// service fails to register.
    ///
    /// # Remediation
    /// Recreate the target group with `--target-type ip`.
    CHECK {
        id: "ECS-032",
        title: "Target groups of awsvpc services use the ip target type",
        severity: Medium,
        references: [Seed("000", "Target groups for Application Load Balancer integration")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let used: Vec<&TargetGroup> = ctx
        .inventory
        .target_groups()
        .iter()
        .filter(|g| !ctx.services_behind(&g.arn).is_empty())
        .collect();
    ctx.each(used, &[], |group| {
        Finding::verdict(
            group.reference(),
            group.target_type == "ip",
            "ip",
            format!("target type {}", group.target_type),
        )
        .with(Evidence::new(
            "target_type",
            &group.target_type,
            "ip",
            op::ELB_TARGET_GROUPS,
        ))
    })
}
