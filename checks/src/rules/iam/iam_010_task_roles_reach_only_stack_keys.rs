use super::super::prelude::*;

declare_check! {
    /// A task role with KMS rights on keys outside the stack can decrypt data the stack never owned.
    ///
    /// # Remediation
    /// Scope KMS statements to the key ARNs of the stack.
    CHECK {
        id: "IAM-010",
        title: "Task roles use only the stack's own KMS keys",
        severity: Medium,
        references: [PciDss4("7.2.2"), Seed("004", "Task roles with service-specific permissions following least privilege")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    super::task_roles_reach_only_owned(ctx, "kms", |arn| match ctx.kms_key(arn) {
        Some(key) if key.arn == arn => ctx.is_stacks_key(key),
        _ => Some(false),
    })
}
