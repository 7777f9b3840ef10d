use super::super::prelude::*;

declare_check! {
    /// Alert messages describe the stack's state and sometimes its data; SNS stores them until
    /// delivered. Server-side encryption with a customer key protects them at rest.
    ///
    /// # Remediation
    /// Set the topic's `KmsMasterKeyId` to a customer-managed key.
    CHECK {
        id: "ENC-007",
        title: "SNS topics are encrypted with a customer-managed key",
        severity: Low,
        references: [Fsbp("SNS.1"), Seed("003", "Set up SNS topics for configuration drift alerts")],
        params: ["encryption.sns_customer_key"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.encryption.sns_customer_key != Some(true) {
        return ctx.param_not_set("encryption.sns_customer_key");
    }
    ctx.each(ctx.inventory.sns_topics(), &[], |topic| {
        super::judge_customer_key(
            ctx,
            topic.reference(),
            topic.kms_master_key_id.as_deref(),
            "kms_master_key_id",
            op::SNS_ATTRIBUTES,
        )
    })
}
