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
    expected
        .iter()
        .map(|wanted| {
            let found = ctx
                .inventory
                .secrets()
                .iter()
                .filter(|s| ctx.names_base(&s.name, wanted));
            ctx.exists(
                ResourceRef::new("secret", wanted),
                found,
                &format!("a secret named {wanted}"),
                op::SECRETS_DESCRIBE,
            )
        })
        .collect()
}
