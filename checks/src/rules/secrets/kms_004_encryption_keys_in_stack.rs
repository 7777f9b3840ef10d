use super::super::prelude::*;

declare_check! {
    /// Data encrypted with a key outside the stack (or a disabled one) becomes unreadable when that
    /// key's owner deletes or disables it.
    ///
    /// # Remediation
    /// Re-encrypt with a key the stack owns, or include the key in the stack's outputs.
    CHECK {
        id: "KMS-004",
        title: "Customer keys used by the stack's resources belong to the stack and are enabled",
        severity: High,
        references: [PciDss4("3.6.1"), Seed("001", "Database backups encrypted with customer-managed KMS keys")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let inventory = ctx.inventory;
    let mut uses: Vec<(ResourceRef, &str)> = Vec::new();
    uses.extend(
        inventory
            .db_clusters()
            .iter()
            .filter_map(|c| c.kms_key_id.as_deref().map(|k| (c.reference(), k))),
    );
    uses.extend(
        inventory
            .log_groups()
            .iter()
            .filter_map(|g| g.kms_key_id.as_deref().map(|k| (g.reference(), k))),
    );
    uses.extend(
        inventory
            .secrets()
            .iter()
            .filter_map(|s| s.kms_key_id.as_deref().map(|k| (s.reference(), k))),
    );
    uses.extend(inventory.buckets().iter().filter_map(|b| {
        b.encryption
            .as_ref()
            .and_then(|e| e.kms_key_id.as_deref())
            .map(|k| (b.reference(), k))
    }));
    uses.into_iter()
        .filter(|(_, key)| ctx.is_customer_key(key) != Some(false))
        .map(|(resource, key)| {
            let enabled = ctx.is_customer_key(key) == Some(true)
                && ctx.kms_key(key).is_some_and(|k| k.key_state == "Enabled");
            Finding::verdict(
                resource,
                enabled,
                format!("key {key} of the stack"),
                format!("key {key} is not an enabled key of the stack"),
            )
            .with(Evidence::new(
                "kms_key_id",
                key,
                "an enabled customer key in the inventory",
                op::KMS_DESCRIBE,
            ))
        })
        .collect()
}
