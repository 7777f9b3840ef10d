use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// `iam:PassRole` on `*` lets the holder hand any role in the account — an admin role
    /// included — to a service it controls: a privilege escalation path.
    ///
    /// # Remediation
    /// Limit `iam:PassRole` to the ARNs of the roles the workload must pass.
    CHECK {
        id: "IAM-005",
        title: "No policy allows iam:PassRole on every role",
        severity: Critical,
        references: [PciDss4("7.2.1"), Seed("004", "Task execution roles must follow least-privilege principle")],
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
                "iam:PassRole on \"*\"",
                "PassRole scoped to role ARNs",
                |s| {
                    let everywhere = s.resources.iter().any(|r| r == "*");
                    let passes = s
                        .actions
                        .iter()
                        .any(|a| policy::action_matches(a, "iam:PassRole"));
                    (everywhere && passes).then(|| "iam:PassRole on \"*\"".to_string())
                },
            )
        },
    )
}
