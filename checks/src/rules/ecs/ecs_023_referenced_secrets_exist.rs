use super::super::prelude::*;

declare_check! {
    /// A task whose secret does not exist fails to start; one pointing at another stack's secret
    /// reads credentials it was never meant to have. A secret is the stack's when an output names
    /// it, its name carries the environment suffix, or a service manages it for the stack
    /// (Aurora's master-user secret).
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
    use super::Ownership;
    super::judge_references(
        ctx,
        "containers[].secrets[].valueFrom",
        ("secrets", "that do not exist"),
        |c| {
            (c.secrets.iter())
                .map(|(name, from)| {
                    let label = format!("{name} ← {from}");
                    let ownership = match ctx.secret(from) {
                        // A secret a service manages for the stack's database (`rds!cluster-…`).
                        Some(secret) if secret.owning_service.is_some() => Ownership::Own,
                        Some(secret) => {
                            Ownership::of(true, ctx.is_stacks_own(&secret.name, &[&secret.arn]))
                        }
                        None => {
                            let parameter = super::parameter_name(from);
                            let exists = ctx.has_ssm_parameter(parameter);
                            Ownership::of(exists, ctx.is_stacks_own(parameter, &[from]))
                        }
                    };
                    (label, ownership)
                })
                .collect()
        },
    )
}
