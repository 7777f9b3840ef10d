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
        .task_definitions
        .iter()
        .filter(|t| t.containers.iter().any(|c| !c.secrets.is_empty()));
    ctx.each(with_secrets, &[], |task| {
        let role = task
            .execution_role_arn
            .as_deref()
            .and_then(|arn| super::super::iam::role_by_arn(ctx.inventory, arn));
        let Some(role) = role else {
            return Finding::fail(
                task.reference(),
                "secrets referenced but no execution role in the stack",
            )
            .with(Evidence::new(
                "execution_role_arn",
                &task.execution_role_arn,
                "a role of the stack",
                op::ECS_TASK_DEFINITION,
            ));
        };
        let mut denied = Vec::new();
        for from in task.containers.iter().flat_map(|c| c.secrets.values()) {
            let action = if from.contains(":ssm:") {
                "ssm:GetParameters"
            } else {
                "secretsmanager:GetSecretValue"
            };
            match super::super::iam::role_allows(role, action, from) {
                None => {
                    return Finding::new(
                        task.reference(),
                        Status::Error,
                        format!("a policy document of {} was not collected", role.name),
                    );
                }
                Some(false) => denied.push(from.clone()),
                Some(true) => {}
            }
        }
        Finding::verdict(
            task.reference(),
            denied.is_empty(),
            format!("{} may read every referenced secret", role.name),
            format!("{} may not read {denied:?}", role.name),
        )
        .with(Evidence::new(
            "execution role policies",
            &denied,
            "GetSecretValue on each referenced secret",
            op::IAM_POLICIES,
        ))
    })
}
