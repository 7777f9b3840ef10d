use super::super::prelude::*;

declare_check! {
    /// A task whose secret does not exist fails to start; one pointing at another stack's secret
    /// reads credentials it was never meant to have.
    ///
    /// # Remediation
    /// Create the secret with the stack, or correct the reference.
    CHECK {
        id: "ECS-023",
        title: "Secrets referenced by task definitions exist in the stack",
        severity: High,
        references: [Seed("004", "Database credentials stored in Secrets Manager"), Seed("004", "Task definitions reference secrets securely without exposing values")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::judge_containers(
        ctx,
        "containers[].secrets[].valueFrom",
        "referenced secrets exist",
        "secrets not in the stack",
        |c| {
            c.secrets
                .iter()
                .filter(|(_, from)| !super::secret_in_stack(ctx, from))
                .map(|(name, from)| format!("{name} ← {from}"))
                .collect()
        },
    )
}
