use super::super::prelude::*;

declare_check! {
    /// A rule's description is the only record of why it exists; reviewers and auditors cannot
    /// tell a needed rule from a leftover without it.
    ///
    /// AWS's own default egress rule (all traffic to `0.0.0.0/0`, or `::/0` in a dual-stack VPC),
    /// which every new group gets without a description, is not held against the group: whether
    /// egress should be open is SG-006's question, not this one's.
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
            .chain(group.egress.iter().filter(|r| !is_aws_default_egress(r)))
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

/// The egress rule AWS adds to every new group: all protocols to anywhere, no description.
fn is_aws_default_egress(rule: &SgRule) -> bool {
    rule.is_all_protocols()
        && rule.group_id.is_none()
        && rule.prefix_list_id.is_none()
        && rule.description.is_none()
        && (rule.cidr_ipv4.as_deref() == Some("0.0.0.0/0") && rule.cidr_ipv6.is_none()
            || rule.cidr_ipv6.as_deref() == Some("::/0") && rule.cidr_ipv4.is_none())
}
