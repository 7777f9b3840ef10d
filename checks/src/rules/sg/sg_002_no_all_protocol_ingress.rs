use super::super::prelude::*;

declare_check! {
    /// An ingress rule for all protocols admits everything the source can send, including
    /// management and database ports nobody meant to open.
    ///
    /// # Remediation
    /// Replace the rule by rules for the protocol and port the service listens on.
    CHECK {
        id: "SG-002",
        title: "No ingress rule allows all protocols",
        severity: High,
        references: [Fsbp("EC2.18"), PciDss4("1.3.1"), Seed("000", "Security groups allowing only necessary traffic between components")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.security_groups(), &[], |group| {
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| r.is_all_protocols() && r.group_id.as_deref() != Some(group.id.as_str()))
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            "every ingress rule names a protocol",
            format!(
                "all-protocol ingress: {offending}",
                offending = W(&offending)
            ),
        )
        .with(Evidence::new(
            "ingress[protocol=-1]",
            &offending,
            "none (self-references excepted)",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
