use super::super::prelude::*;

declare_check! {
    /// Credentials the spec puts in Secrets Manager and that are not there are somewhere else: in
    /// code, images or environment variables.
    ///
    /// # Remediation
    /// Create the missing secrets with the stack and reference them from the task definitions.
    CHECK {
        id: "SEC-002",
        title: "The stack holds the profiled secrets",
        severity: Medium,
        references: [Seed("004", "AWS Secrets Manager secrets for application configuration"), Seed("004", "Database credentials stored in Secrets Manager"), Seed("004", "API keys stored in Secrets Manager")],
        params: ["platform.secrets"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.platform.secrets else {
        return ctx.param_not_set("platform.secrets");
    };
    let names: Vec<&str> = ctx
        .inventory
        .secrets
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    expected
        .iter()
        .map(|wanted| {
            let found = names.iter().find(|n| ctx.names_base(n, wanted));
            Finding::verdict(
                ResourceRef::new("secret", wanted),
                found.is_some(),
                format!("{found:?}"),
                "no such secret",
            )
            .with(Evidence::new(
                "secrets[].name",
                &names,
                wanted.clone(),
                op::SECRETS_DESCRIBE,
            ))
        })
        .collect()
}
