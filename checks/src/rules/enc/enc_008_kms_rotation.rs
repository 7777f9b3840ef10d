use super::super::prelude::*;

declare_check! {
    /// Yearly rotation of key material limits how much data one compromised key version
    /// exposes, and is an explicit requirement of most frameworks.
    ///
    /// # Remediation
    /// `aws kms enable-key-rotation --key-id …` on every customer-managed symmetric key.
    CHECK {
        id: "ENC-008",
        title: "Customer-managed KMS keys rotate",
        severity: Medium,
        references: [Fsbp("KMS.4"), Cis("3.8"), PciDss4("3.7.4")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let keys = ctx.inventory.kms_keys().iter().filter(|k| {
        k.is_customer_managed()
            && k.key_spec
                .as_deref()
                .is_none_or(|spec| spec == "SYMMETRIC_DEFAULT")
            && k.key_state != "PendingDeletion"
    });
    ctx.each(keys, &["rotation_enabled"], |key| {
        match key.rotation_enabled {
            None => Finding::new(
                key.reference(),
                crate::result::Status::Error,
                "rotation status was not collected",
            ),
            Some(on) => Finding::verdict(key.reference(), on, "rotation on", "rotation off").with(
                Evidence::new("rotation_enabled", on, "true", op::KMS_ROTATION),
            ),
        }
    })
}
