use super::super::prelude::*;

declare_check! {
    /// A task role with KMS rights on keys outside the stack can decrypt data the stack never owned.
    ///
    /// # Remediation
    /// Scope KMS statements to the key ARNs of the stack.
    CHECK {
        id: "IAM-010",
        title: "Task roles use only the stack's own KMS keys",
        severity: Medium,
        references: [PciDss4("7.2.2"), Seed("004", "Task roles with service-specific permissions following least privilege")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let roles = ctx.inventory.roles.iter().filter(|r| {
        ctx.inventory
            .task_definitions
            .iter()
            .any(|t| t.task_role_arn.as_deref() == Some(r.arn.as_str()))
    });
    ctx.each(roles, &["inline_policies", "attached_policies"], |role| {
        super::judge_statements(
            role,
            "KMS use outside the stack keys",
            "only the stack's keys",
            |s| {
                let kms = s
                    .actions
                    .iter()
                    .any(|a| a.to_ascii_lowercase().starts_with("kms:"));
                let foreign: Vec<&String> = s
                    .resources
                    .iter()
                    .filter(|r| !ctx.inventory.kms_keys.iter().any(|k| &k.arn == *r))
                    .collect();
                (kms && !foreign.is_empty()).then(|| format!("KMS on {foreign:?}"))
            },
        )
    })
}
