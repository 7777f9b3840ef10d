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
    let groups = ctx.inventory.security_groups().iter().filter_map(|group| {
        let services = ctx.services_in_group(&group.id);
        let ports: Vec<i32> = services
            .iter()
            .flat_map(|s| ctx.containers_of(s))
            .flat_map(|c| c.port_mappings.iter().copied())
            .collect();
        (!services.is_empty()).then_some((group, ports))
    });
    super::ingress_only_on_ports(groups, "container ports")
}
