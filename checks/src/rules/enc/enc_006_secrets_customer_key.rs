use super::super::prelude::*;

declare_check! {
    /// Secrets encrypted with the default `aws/secretsmanager` key can be read by any principal
    /// with `secretsmanager:GetSecretValue`; a customer key adds a second, auditable gate.
    ///
    /// # Remediation
    /// Update the secret to use a customer-managed KMS key.
    CHECK {
        id: "ENC-006",
        title: "Secrets use a customer-managed key",
        severity: Medium,
        references: [PciDss4("3.6.1"), Seed("004", "Database credentials stored in Secrets Manager")],
        params: ["encryption.secrets_customer_key"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.encryption.secrets_customer_key != Some(true) {
        return ctx.param_not_set("encryption.secrets_customer_key");
    }
    ctx.each(ctx.inventory.secrets(), &[], |secret| {
        super::judge_customer_key(
            ctx,
            secret.reference(),
            secret.kms_key_id.as_deref(),
            "kms_key_id",
            op::SECRETS_DESCRIBE,
        )
    })
}
