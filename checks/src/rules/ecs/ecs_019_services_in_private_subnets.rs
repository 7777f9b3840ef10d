use super::super::prelude::*;

declare_check! {
    /// Tasks in a public subnet are one security-group rule away from the internet; the load balancer
    /// is the only thing that belongs there.
    ///
    /// # Remediation
    /// Update the service's network configuration to the private subnets.
    CHECK {
        id: "ECS-019",
        title: "ECS services run in private subnets only",
        severity: High,
        references: [PciDss4("1.4.4"), Seed("000", "ECS tasks in private subnets"), Seed("001", "All compute resources must run in private subnets with no direct internet access"), Seed("004", "Container tasks run in private subnets with no direct internet access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.ecs_services(), &[], |service| {
        let public = ctx.public_subnets_among(&service.subnet_ids);
        Finding::verdict(
            service.reference(),
            !service.subnet_ids.is_empty() && public.is_empty(),
            "private subnets only",
            format!(
                "public subnets {public} (of {})",
                W(&service.subnet_ids),
                public = W(&public)
            ),
        )
        .with(Evidence::new(
            "network_configuration.subnets",
            &service.subnet_ids,
            "private subnets",
            op::ECS_SERVICES,
        ))
    })
}
