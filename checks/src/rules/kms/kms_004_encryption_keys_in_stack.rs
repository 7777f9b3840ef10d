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
        .map(|(resource, reference)| judge(ctx, resource, reference))
        .collect()
}

/// A key belongs to the stack when an output names it or an alias carries the environment
/// suffix the stack names everything with ([`Context::is_stacks_key`]); it must also be enabled.
fn judge(ctx: &Context, resource: ResourceRef, reference: &str) -> Finding {
    let expected = "an enabled key named by an output or aliased with the environment suffix";
    let evidence = |value: String| Evidence::new("kms_key_id", value, expected, op::KMS_DESCRIBE);
    let Some(key) = ctx.kms_key(reference) else {
        return Finding::fail(resource, format!("key {reference} was not found"))
            .with(evidence(format!("{reference} (not found)")));
    };
    match ctx.is_stacks_key(key) {
        None => {
            return Finding::ownership_unknown(resource, format!("key {reference}"))
                .with(evidence(reference.to_string()));
        }
        Some(false) => {
            let suffix = ctx.inventory.meta().environment_suffix.as_deref();
            return Finding::fail(
                resource,
                format!(
                    "key {reference} is from outside the stack: no output names it and no alias \
                     carries {suffix}",
                    suffix = W(&suffix)
                ),
            )
            .with(evidence(format!(
                "{reference}, aliases {}",
                W(&key.aliases)
            )));
        }
        Some(true) => {}
    }
    let owner = match &key.named_by_output {
        Some(output) => format!("named by output {output}"),
        None => format!("aliased {}", W(&key.aliases)),
    };
    let enabled = key.key_state == "Enabled";
    Finding::verdict(
        resource,
        enabled,
        format!("key {reference} of the stack ({owner})"),
        format!("key {reference} of the stack is {}", key.key_state),
    )
    .with(evidence(format!(
        "{reference} ({owner}), {}",
        key.key_state
    )))
}
