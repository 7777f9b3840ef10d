use super::super::prelude::*;

declare_check! {
    /// Plain environment variables are readable by anyone who can describe the task definition;
    /// `PASSWORD`, `SECRET`, `TOKEN` or `API_KEY` there is a credential in clear text.
    ///
    /// # Remediation
    /// Move the value into Secrets Manager or SSM SecureString and reference it from `secrets`.
    CHECK {
        id: "ECS-005",
        title: "No secret-like names among plain environment variables",
        severity: High,
        references: [Fsbp("ECS.8"), PciDss4("8.3.2"), Seed("004", "Secrets stored in AWS Secrets Manager, not in code or environment variables directly")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::judge_containers(
        ctx,
        "containers[].environment",
        "no secret-like variable names",
        "secret-like names in environment",
        |c| {
            super::named_if(
                c,
                c.environment
                    .keys()
                    .any(|k| super::looks_like_secret_name(k)),
            )
        },
    )
}
