use super::super::prelude::*;

declare_check! {
    /// A service registered in a target group no listener of the stack forwards to is deployed but
    /// unreachable, or reachable through someone else's load balancer.
    ///
    /// # Remediation
    /// Add a listener rule (or default action) on the stack's load balancer forwarding to the service's target group.
    CHECK {
        id: "ECS-030",
        title: "Each service's target groups are on a listener of the stack's load balancer",
        severity: Medium,
        references: [Seed("000", "Target groups configured for ECS services"), Seed("004", "Target groups created for frontend and api-gateway services")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let behind_lb = ctx
        .inventory
        .ecs_services()
        .iter()
        .filter(|s| !s.target_group_arns.is_empty());
    ctx.each(behind_lb, &[], |service| {
        let unserved: Vec<&String> = service
            .target_group_arns
            .iter()
            .filter(|arn| {
                !ctx.listeners_forwarding_to(arn)
                    .iter()
                    .any(|l| ctx.load_balancer(&l.load_balancer_arn).is_some())
            })
            .collect();
        Finding::verdict(
            service.reference(),
            unserved.is_empty(),
            "served by the stack's listeners",
            format!(
                "target groups no stack listener forwards to: {unserved}",
                unserved = W(&unserved)
            ),
        )
        .with(Evidence::new(
            "load_balancers[].target_group_arn",
            &service.target_group_arns,
            "forwarded by a listener of the stack",
            op::ELB_LISTENERS,
        ))
    })
}
