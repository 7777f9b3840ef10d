use super::super::prelude::*;

declare_check! {
    /// For IP targets the registered port is the container port; a target group on another port
    /// health-checks and forwards to a closed port.
    ///
    /// # Remediation
    /// Recreate the target group on the container's port (or fix the container's port mapping).
    CHECK {
        id: "ECS-031",
        title: "Target group ports match the service's container ports",
        severity: Medium,
        references: [Seed("000", "Target groups for Application Load Balancer integration")],
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
        let ports: Vec<i32> = ctx
            .containers_of(service)
            .flat_map(|c| c.port_mappings.iter().copied())
            .collect();
        let groups: Vec<(&str, Option<i32>)> = service
            .target_group_arns
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter_map(|arn| ctx.target_group(arn))
            .map(|g| (g.name.as_str(), g.port))
            .collect();
        let mismatched: Vec<&(&str, Option<i32>)> = groups
            .iter()
            .filter(|(_, port)| !port.is_some_and(|p| ports.contains(&p)))
            .collect();
        Finding::verdict(
            service.reference(),
            !groups.is_empty() && mismatched.is_empty(),
            format!("ports {ports}", ports = W(&ports)),
            format!(
                "target groups {mismatched} not on container ports {ports}",
                mismatched = W(&mismatched),
                ports = W(&ports)
            ),
        )
        .with(Evidence::new(
            "target_groups[].port",
            &groups,
            format!("one of {ports}", ports = W(&ports)),
            op::ELB_TARGET_GROUPS,
        ))
    })
}
