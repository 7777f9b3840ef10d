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
    ctx.each(&ctx.inventory.task_definitions, &[], |task| {
        let offending: Vec<&str> = task
            .containers
            .iter()
            .filter(|c| {
                c.environment
                    .keys()
                    .any(|k| super::looks_like_secret_name(k))
            })
            .map(|c| c.name.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            "no secret-like variable names",
            format!("secret-like names in environment: {offending:?}"),
        )
        .with(Evidence::new(
            "containers[].environment",
            &offending,
            "no secret-like variable names",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
