use super::super::prelude::*;

declare_check! {
    /// The database tier should be reachable by the application tier, on the database port, and
    /// by nothing else: no CIDR ranges, no other groups, no other ports.
    ///
    /// # Remediation
    /// Replace the database group's ingress by one rule: the database port from the application
    /// (ECS service) security group.
    CHECK {
        id: "SG-004",
        title: "Database groups admit only the application groups on the database port",
        severity: Critical,
        references: [PciDss4("1.3.1"), Seed("000", "Proper security group configuration for database access"), Seed("000", "ECS task roles can access RDS")],
        params: ["security_groups.database_port"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(port) = ctx.profile.security_groups.database_port else {
        return ctx.param_not_set("security_groups.database_port");
    };
    let database_groups = ctx.inventory.security_groups().iter().filter(|g| {
        ctx.group_tiers(&g.id)
            .contains(&crate::profile::Tier::Database)
    });
    ctx.each(database_groups, &[], |group| {
        let from_application = |rule: &SgRule| {
            rule.group_id.as_deref().is_some_and(|source| {
                ctx.group_tiers(source)
                    .contains(&crate::profile::Tier::Application)
            }) && rule.port_range() == Some((port, port))
        };
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| !from_application(r))
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            format!("only tcp/{port} from application groups"),
            format!("other ingress: {offending}", offending = W(&offending)),
        )
        .with(Evidence::new(
            "ingress",
            group
                .ingress
                .iter()
                .map(SgRule::describe)
                .collect::<Vec<_>>(),
            format!("tcp/{port} from application groups only"),
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
