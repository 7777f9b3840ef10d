use super::super::prelude::*;

declare_check! {
    /// `secrets[].valueFrom` must name a Secrets Manager secret or an SSM parameter; anything else is
    /// not a secret store the stack controls.
    ///
    /// # Remediation
    /// Point `valueFrom` at a Secrets Manager secret ARN or an SSM parameter ARN.
    CHECK {
        id: "ECS-022",
        title: "Container secrets come from Secrets Manager or SSM",
        severity: High,
        references: [PciDss4("8.3.2"), Seed("004", "Task definitions reference secrets securely without exposing values")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::judge_containers(
        ctx,
        "containers[].secrets[].valueFrom",
        "Secrets Manager or SSM references",
        "other sources",
        |c| {
            c.secrets
                .iter()
                .filter(|(_, from)| !super::is_secret_store_arn(from))
                .map(|(name, from)| format!("{name} ← {from}"))
                .collect()
        },
    )
}
