use super::super::prelude::*;

declare_check! {
    /// A rule's description is the only record of why it exists; reviewers and auditors cannot
    /// tell a needed rule from a leftover without it.
    ///
    /// # Remediation
    /// Add a description to every ingress and egress rule.
    CHECK {
        id: "SG-007",
        title: "Every security group rule has a description",
        severity: Low,
        references: [PciDss4("1.2.5")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let groups = ctx
        .inventory
        .security_groups()
        .iter()
        .filter(|g| g.name != "default");
    ctx.each(groups, &[], |group| {
        let bare: Vec<String> = group
            .ingress
            .iter()
            .chain(&group.egress)
            .filter(|r| r.description.as_deref().is_none_or(|d| d.trim().is_empty()))
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            bare.is_empty(),
            "every rule described",
            format!("rules without a description: {bare}", bare = W(&bare)),
        )
        .with(Evidence::new(
            "rules[].description",
            &bare,
            "a description on every rule",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
