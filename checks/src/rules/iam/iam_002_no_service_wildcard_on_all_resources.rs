use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// `"s3:*"` on `"Resource": "*"` is every S3 permission on every bucket in the account,
    /// including deleting them and rewriting their policies.
    ///
    /// # Remediation
    /// Name the actions needed, and scope resources to the stack's own ARNs.
    CHECK {
        id: "IAM-002",
        title: "No policy allows a whole service on every resource",
        severity: High,
        references: [Fsbp("IAM.21"), PciDss4("7.2.2"), Seed("000", "IAM roles for ECS tasks with least-privilege access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(
        ctx.inventory.roles(),
        &["inline_policies", "attached_policies"],
        |role| {
            super::judge_statements(
                role,
                "service-wide actions on Resource \"*\"",
                "no `svc:*` with Resource \"*\"",
                |s| {
                    let everywhere = s.resources.iter().any(|r| r == "*");
                    let wide: Vec<&String> = s
                        .actions
                        .iter()
                        .filter(|a| policy::is_service_wildcard(a))
                        .collect();
                    (everywhere && !wide.is_empty())
                        .then(|| format!("{wide} on \"*\"", wide = W(&wide)))
                },
            )
        },
    )
}
