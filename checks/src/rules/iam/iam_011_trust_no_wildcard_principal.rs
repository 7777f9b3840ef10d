use super::super::prelude::*;

declare_check! {
    /// A trust policy with `Principal: "*"` and no condition lets any AWS account assume the role.
    ///
    /// # Remediation
    /// Name the service or account principals that may assume the role, or add `aws:PrincipalOrgID`/`sts:ExternalId` conditions.
    CHECK {
        id: "IAM-011",
        title: "No trust policy lets everyone assume the role",
        severity: Critical,
        references: [PciDss4("7.2.1"), Seed("000", "IAM roles for ECS tasks with least-privilege access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.roles(), &[], |role| {
        let Some(trust) = &role.trust_policy else {
            return Finding::new(
                role.reference(),
                Status::Error,
                "trust policy was not collected",
            );
        };
        let open = crate::policy::public_grants(trust);
        Finding::verdict(
            role.reference(),
            open.is_empty(),
            "named principals only",
            format!("anyone may {open}", open = W(&open)),
        )
        .with(Evidence::new(
            "assume_role_policy.Statement[Principal=*]",
            &open,
            "none without a condition",
            op::IAM_ROLE,
        ))
    })
}
