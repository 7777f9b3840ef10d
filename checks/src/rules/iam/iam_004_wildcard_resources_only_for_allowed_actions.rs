use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// `"Resource": "*"` is only legitimate for actions that cannot be scoped (creating log
    /// streams, `ecr:GetAuthorizationToken` …). The profile lists them; any other action on `*`
    /// reaches resources outside the stack.
    ///
    /// # Remediation
    /// Scope the statement's resources to the stack's ARNs, or split the unscopable actions out.
    CHECK {
        id: "IAM-004",
        title: "Resource \"*\" only for actions the profile allows",
        severity: High,
        references: [PciDss4("7.2.2"), Seed("000", "No overly permissive wildcard permissions"), Seed("004", "Policies allowing CloudWatch Logs access")],
        params: ["iam.wildcard_resource_actions"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(allowed) = &ctx.profile.iam.wildcard_resource_actions else {
        return ctx.param_not_set("iam.wildcard_resource_actions");
    };
    ctx.each(
        ctx.inventory.roles(),
        &["inline_policies", "attached_policies"],
        |role| {
            super::judge_statements(
                role,
                "actions on Resource \"*\" the profile does not allow",
                &format!("only {allowed} on \"*\"", allowed = W(&allowed)),
                |s| {
                    if !s.resources.iter().any(|r| r == "*") {
                        return None;
                    }
                    let unscoped: Vec<&String> = s
                        .actions
                        .iter()
                        .filter(|a| !allowed.iter().any(|p| policy::action_matches(p, a)))
                        .collect();
                    (!unscoped.is_empty())
                        .then(|| format!("{unscoped} on \"*\"", unscoped = W(&unscoped)))
                },
            )
        },
    )
}
