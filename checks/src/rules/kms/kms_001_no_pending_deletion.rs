use super::super::prelude::*;

declare_check! {
    /// A key scheduled for deletion takes every object, log event and snapshot it encrypts with it.
    /// Every customer key the stack's resources use is judged, another team's too: a borrowed key
    /// pending deletion takes this stack's data with it (KMS-004 says that it is borrowed).
    ///
    /// # Remediation
    /// `aws kms cancel-key-deletion` and `aws kms enable-key`, or re-encrypt the data under another key first.
    CHECK {
        id: "KMS-001",
        title: "No customer KMS key the stack uses is pending deletion or disabled",
        severity: High,
        references: [Fsbp("KMS.3")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let customer = ctx.customer_keys();
    ctx.each(customer, &[], |key| {
        Finding::verdict(
            key.reference(),
            key.key_state == "Enabled",
            "Enabled",
            format!("state {}", key.key_state),
        )
        .with(Evidence::new(
            "key_state",
            &key.key_state,
            "Enabled",
            op::KMS_DESCRIBE,
        ))
    })
}
