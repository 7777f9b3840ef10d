use super::super::prelude::*;

declare_check! {
    /// Tasks listen on their container ports; anything else open on their group is unexplained
    /// exposure between tiers.
    ///
    /// # Remediation
    /// Remove ingress rules for ports the service's containers do not map.
    CHECK {
        id: "SG-010",
        title: "Application groups admit only container ports",
        severity: Medium,
        references: [PciDss4("1.3.1"), Seed("004", "Strict ingress and egress rules between service tiers")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let groups = ctx.inventory.security_groups.iter().filter_map(|group| {
        let services: Vec<&EcsService> = ctx
            .inventory
            .ecs_services
            .iter()
            .filter(|s| s.security_group_ids.contains(&group.id))
            .collect();
        (!services.is_empty()).then_some((group, services))
    });
    groups
        .map(|(group, services)| {
            let ports: Vec<i32> = ctx
                .inventory
                .task_definitions
                .iter()
                .filter(|t| services.iter().any(|s| s.task_definition_arn == t.arn))
                .flat_map(|t| {
                    t.containers
                        .iter()
                        .flat_map(|c| c.port_mappings.iter().copied())
                })
                .collect();
            let extra: Vec<String> = group
                .ingress
                .iter()
                .filter(|r| !ports.iter().any(|p| r.port_range() == Some((*p, *p))))
                .map(SgRule::describe)
                .collect();
            Finding::unreadable(group, &[]).unwrap_or_else(|| {
                Finding::verdict(
                    group.reference(),
                    extra.is_empty(),
                    format!("container ports {ports:?} only"),
                    format!("rules beyond container ports {ports:?}: {extra:?}"),
                )
                .with(Evidence::new(
                    "ingress",
                    &extra,
                    format!("only ports {ports:?}"),
                    op::EC2_SECURITY_GROUPS,
                ))
            })
        })
        .collect()
}
