use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// `"Action": "*"` grants every action of every service: full administrator, whatever the
    /// resource list says. No workload role needs it.
    ///
    /// # Remediation
    /// List the actions the workload calls (`s3:GetObject`, `rds-db:connect` …) instead.
    CHECK {
        id: "IAM-001",
        title: "No policy allows Action \"*\"",
        severity: Critical,
        references: [Fsbp("IAM.1"), Cis("1.16"), PciDss4("7.2.1"), Seed("000", "No overly permissive wildcard permissions")],
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
                "Action \"*\"",
                "no allow statement with Action \"*\"",
                |s| {
                    s.actions
                        .iter()
                        .any(|a| policy::is_full_wildcard(a))
                        .then(|| "Action \"*\"".to_string())
                },
            )
        },
    )
}
