use super::super::prelude::*;

declare_check! {
    /// The default VPC has public subnets everywhere and a permissive default group: it was built for
    /// convenience, not isolation.
    ///
    /// # Remediation
    /// Deploy into a VPC of the stack's own with planned tiers.
    CHECK {
        id: "VPC-020",
        title: "The stack does not use the default VPC",
        severity: Medium,
        references: [Fsbp("EC2.2"), PciDss4("1.2.1"), Seed("000", "Use VPC for network isolation (CIDR: 10.0.0.0/16)")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        Finding::verdict(
            vpc.reference(),
            !vpc.is_default,
            "a dedicated VPC",
            "the account's default VPC",
        )
        .with(Evidence::new(
            "is_default",
            vpc.is_default,
            "false",
            op::EC2_VPCS,
        ))
    })
}
