use super::super::prelude::*;

declare_check! {
    /// AWS's broad managed policies (AdministratorAccess, PowerUserAccess, IAMFullAccess) undo any
    /// least-privilege work in the role's own policies.
    ///
    /// # Remediation
    /// Detach the managed policy and grant the actions the workload needs in a scoped policy.
    CHECK {
        id: "IAM-006",
        title: "No role has AWS's administrator-level managed policies",
        severity: Critical,
        references: [Fsbp("IAM.1"), Cis("1.16"), PciDss4("7.2.1"), Seed("000", "IAM roles for ECS tasks with least-privilege access")],
        params: [],
        evaluate: evaluate,
    }
}

const ADMIN_POLICIES: [&str; 3] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.roles(), &["attached_policies"], |role| {
        let admin: Vec<&str> = role
            .attached_policies
            .iter()
            .filter(|p| {
                p.is_aws_managed()
                    && ADMIN_POLICIES
                        .iter()
                        .any(|name| p.arn.ends_with(&format!("/{name}")))
            })
            .map(|p| p.arn.as_str())
            .collect();
        Finding::verdict(
            role.reference(),
            admin.is_empty(),
            "no administrator-level managed policies",
            format!("attached: {admin}", admin = W(&admin)),
        )
        .with(Evidence::new(
            "attached_policies[].arn",
            &admin,
            format!(
                "none of {ADMIN_POLICIES}",
                ADMIN_POLICIES = W(&ADMIN_POLICIES)
            ),
            op::IAM_ATTACHED,
        ))
    })
}
