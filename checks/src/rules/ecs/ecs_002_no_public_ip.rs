use super::super::prelude::*;

declare_check! {
    /// A task with a public IP is reachable from the internet whenever its security group allows it;
    /// tasks behind a load balancer never need one.
    ///
    /// # Remediation
    /// Update the service's network configuration with `assignPublicIp = DISABLED`.
    CHECK {
        id: "ECS-002",
        title: "ECS services do not assign public IP addresses",
        severity: High,
        references: [Fsbp("ECS.2"), PciDss4("1.4.4"), Seed("000", "ECS tasks in private subnets")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.ecs_services(), &[], |service| {
        let public = service.assign_public_ip == Some(true);
        Finding::verdict(
            service.reference(),
            !public,
            "no public IP",
            "tasks get public IP addresses",
        )
        .with(Evidence::new(
            "network_configuration.assign_public_ip",
            service.assign_public_ip,
            "false",
            op::ECS_SERVICES,
        ))
    })
}
