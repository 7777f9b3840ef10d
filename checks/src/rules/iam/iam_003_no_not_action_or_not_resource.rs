use super::super::prelude::*;

declare_check! {
    /// `NotAction` and `NotResource` in an Allow grant everything *except* a list: every new
    /// AWS action and every new resource is allowed the day it appears.
    ///
    /// # Remediation
    /// Rewrite the statement with `Action` and `Resource` lists.
    CHECK {
        id: "IAM-003",
        title: "No Allow statement uses NotAction or NotResource",
        severity: High,
        references: [PciDss4("7.2.1"), Seed("004", "Task roles with service-specific permissions following least privilege")],
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
                "Allow with NotAction/NotResource",
                "Action and Resource lists only",
                |s| match (s.not_actions.is_empty(), s.not_resources.is_empty()) {
                    (true, true) => None,
                    (false, _) => Some(format!("NotAction {}", W(&s.not_actions))),
                    (true, false) => Some(format!("NotResource {}", W(&s.not_resources))),
                },
            )
        },
    )
}
