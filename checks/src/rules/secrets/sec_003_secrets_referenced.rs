use super::super::prelude::*;

declare_check! {
    /// An unused secret is a credential nobody watches: it still works, and nobody notices when it leaks.
    ///
    /// # Remediation
    /// Reference the secret from the service that needs it, or delete it.
    CHECK {
        id: "SEC-003",
        title: "Every secret is used by a task definition",
        severity: Low,
        references: [Fsbp("SecretsManager.3")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.inventory.task_definitions.is_empty() {
        return Vec::new();
    }
    ctx.each(&ctx.inventory.secrets, &[], |secret| {
        let users: Vec<&str> = ctx
            .inventory
            .task_definitions
            .iter()
            .filter(|t| {
                t.containers.iter().any(|c| {
                    c.secrets
                        .values()
                        .any(|from| from.starts_with(secret.arn.as_str()))
                })
            })
            .map(|t| t.family.as_str())
            .collect();
        Finding::verdict(
            secret.reference(),
            !users.is_empty(),
            format!("used by {users:?}"),
            "no task definition references it",
        )
        .with(Evidence::new(
            "task_definitions[].containers[].secrets[].valueFrom",
            &users,
            "≥ 1 task definition",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
