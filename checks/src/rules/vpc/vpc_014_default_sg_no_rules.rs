use super::super::prelude::*;

declare_check! {
    /// Resources launched without a security group land in the VPC's default group; if it has
    /// rules, they silently get network access nobody reviewed.
    ///
    /// # Remediation
    /// Remove every inbound and outbound rule from the VPC's `default` security group.
    CHECK {
        id: "VPC-014",
        title: "The default security group has no rules",
        severity: Medium,
        references: [Fsbp("EC2.2"), Cis("5.4"), PciDss4("1.2.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let defaults = ctx
        .inventory
        .security_groups()
        .iter()
        .filter(|g| g.name == "default");
    ctx.each(defaults, &[], |group| {
        let rules: Vec<String> = group
            .ingress
            .iter()
            .chain(&group.egress)
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            rules.is_empty(),
            "no rules",
            format!("{} rules on the default group", rules.len()),
        )
        .with(Evidence::new(
            "ingress + egress",
            &rules,
            "no rules",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
