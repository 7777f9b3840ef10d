use super::super::prelude::*;

declare_check! {
    /// Application logs of a financial workload carry account numbers and request payloads; a
    /// KMS key on the log group puts reading them under a key policy.
    ///
    /// # Remediation
    /// Associate a customer-managed KMS key with the log group (`associate-kms-key`).
    CHECK {
        id: "ENC-005",
        title: "Log groups are encrypted with a KMS key",
        severity: Medium,
        references: [PciDss4("3.5.1"), Seed("001", "CloudWatch log groups for all services with KMS encryption")],
        params: ["encryption.log_groups_kms"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.encryption.log_groups_kms != Some(true) {
        return ctx.param_not_set("encryption.log_groups_kms");
    }
    ctx.each(ctx.inventory.log_groups(), &[], |group| {
        super::judge_customer_key(
            ctx,
            group.reference(),
            group.kms_key_id.as_deref(),
            "kms_key_id",
            op::LOGS_GROUPS,
        )
    })
}
