use super::super::prelude::*;

declare_check! {
    /// `kms:Decrypt` on `Resource: "*"` lets a role read anything encrypted with any key the key
    /// policies delegate to IAM: the key boundary no longer separates data.
    ///
    /// # Remediation
    /// Scope `kms:Decrypt`/`kms:ReEncrypt*` to the key ARNs the role needs.
    CHECK {
        id: "IAM-008",
        title: "No role may decrypt with every KMS key",
        severity: High,
        references: [Fsbp("KMS.1"), Fsbp("KMS.2"), PciDss4("3.6.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let roles = ctx.inventory.roles().iter();
    ctx.each(roles, &["inline_policies", "attached_policies"], |role| {
        super::judge_statements(
            role,
            "KMS decryption on every key",
            "kms:Decrypt and kms:ReEncrypt* only on named keys",
            |s| {
                let decrypts = s.actions.iter().any(|a| {
                    ["kms:Decrypt", "kms:ReEncryptFrom"]
                        .iter()
                        .any(|d| crate::policy::action_matches(a, d))
                });
                (decrypts && s.resources.iter().any(|r| r == "*"))
                    .then(|| format!("{} on \"*\"", W(&s.actions)))
            },
        )
    })
}
