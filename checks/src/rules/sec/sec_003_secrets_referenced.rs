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
    if ctx.inventory.task_definitions().is_empty() {
        return Vec::new();
    }
    // Secret ARN → the families referencing it, built once.
    let mut users_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for task in ctx.inventory.task_definitions() {
        let referenced = task.containers.iter().flat_map(|c| c.secrets.values());
        for secret in referenced.filter_map(|from| ctx.secret(from)) {
            users_of
                .entry(&secret.arn)
                .or_default()
                .insert(&task.family);
        }
    }
    // A secret a service owns (an RDS master user secret) is used by that service.
    let own = ctx
        .inventory
        .secrets()
        .iter()
        .filter(|s| s.owning_service.is_none());
    ctx.each(own, &[], |secret| {
        let users: Vec<&str> = users_of
            .get(secret.arn.as_str())
            .map(|families| families.iter().copied().collect())
            .unwrap_or_default();
        Finding::verdict(
            secret.reference(),
            !users.is_empty(),
            format!("used by {users}", users = W(&users)),
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
