use super::super::prelude::*;

declare_check! {
    /// The agent fetches `secrets` with the execution role; a role without `GetSecretValue` on them
    /// means tasks that never start, found only at deploy time.
    ///
    /// # Remediation
    /// Grant the execution role `secretsmanager:GetSecretValue` (or `ssm:GetParameters`) on exactly the referenced ARNs.
    CHECK {
        id: "ECS-024",
        title: "The execution role may read the secrets its task references",
        severity: High,
        references: [Seed("004", "Task execution roles with permissions to pull ECR images and fetch secrets")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let with_secrets = ctx
        .inventory
        .task_definitions()
        .iter()
        .filter(|t| t.containers.iter().any(|c| !c.secrets.is_empty()));
    ctx.each(with_secrets, &[], |task| {
        let wanted: Vec<(&str, String)> = task
            .containers
            .iter()
            .flat_map(|c| c.secrets.values())
            .map(|from| {
                let action = if from.contains(":ssm:") {
                    "ssm:GetParameters"
                } else {
                    "secretsmanager:GetSecretValue"
                };
                (action, from.clone())
            })
            .collect();
        super::judge_execution_role(ctx, task, &wanted, "may read every referenced secret")
    })
}
