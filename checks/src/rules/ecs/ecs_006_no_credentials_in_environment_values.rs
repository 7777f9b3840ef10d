use super::super::prelude::*;

declare_check! {
    /// Access keys, private keys, tokens and URLs with embedded passwords are found by pattern in
    /// environment values even when the variable name looks innocent.
    ///
    /// # Remediation
    /// Rotate the exposed credential, then move it into Secrets Manager and reference it from `secrets`.
    CHECK {
        id: "ECS-006",
        title: "No credential-looking values among environment variables",
        severity: Critical,
        references: [Fsbp("ECS.8"), PciDss4("8.3.2")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::judge_containers(
        ctx,
        "containers[].environment",
        "no credential-looking values",
        "credential-looking values in environment",
        |c| {
            super::named_if(
                c,
                c.environment
                    .values()
                    .any(|v| super::looks_like_credential(v)),
            )
        },
    )
}
