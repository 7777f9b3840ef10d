//! Collecting what an outputs file names from a target, and saying what the collection did.

use std::path::Path;

use aws_config::SdkConfig;
use stackproof_checks::inventory::Inventory;
use stackproof_collector::discovery::{CollectOptions, collect};
use stackproof_collector::outputs::{Anchor, environment_suffix};

use crate::target::Target;

/// Collects what the anchors lead to on `target`, through `config` (the target in a region).
/// `not_read`: attributes no check of the run's profile reads (see
/// `stackproof_checks::inventory::unneeded_reads`); empty to read everything.
pub async fn collect_from(
    target: &Target,
    config: &SdkConfig,
    anchors: &[Anchor],
    outputs: &Path,
    concurrency: usize,
    not_read: Vec<String>,
) -> Inventory {
    let options = CollectOptions {
        not_read,
        ..collect_options(target, anchors, outputs, concurrency)
    };
    collect(config, anchors, &options).await
}

/// How `target` is collected from: path-style S3 on emulators, the suffix the outputs declare,
/// the attributes the target does not model.
pub fn collect_options(
    target: &Target,
    anchors: &[Anchor],
    outputs: &Path,
    concurrency: usize,
) -> CollectOptions {
    CollectOptions {
        s3_path_style: target.s3_force_path_style(),
        concurrency,
        target: target.description().to_string(),
        outputs_file: Some(outputs.display().to_string()),
        collected_at: Some(chrono::Utc::now().to_rfc3339()),
        environment_suffix: environment_suffix(anchors),
        unmodelled: target.unmodelled(),
        identity: target.identity().cloned(),
        not_read: Vec::new(),
    }
}

/// Each operation that failed during the collection, with its first message.
fn failed_operations(inventory: &Inventory) -> std::collections::BTreeMap<&str, &str> {
    let mut failed = std::collections::BTreeMap::new();
    for (_, _, error) in inventory.fetch_errors() {
        failed
            .entry(error.operation.as_str())
            .or_insert(error.message.as_str());
    }
    for record in &inventory.incomplete {
        failed
            .entry(record.operation.as_str())
            .or_insert(record.message.as_str());
    }
    failed
}

/// One line: resources found, missing, API requests and time, failed operations; then requests
/// by operation.
pub fn describe_collection(inventory: &Inventory) -> String {
    let resources = inventory.resource_count();
    let requests = inventory.api_requests();
    let millis = inventory
        .meta
        .phase_ms
        .get("collect")
        .copied()
        .unwrap_or_default();
    let mut text = format!(
        "collected {resources} resources ({} missing) with {requests} API requests in {millis} ms",
        inventory.missing.len()
    );
    let failed = failed_operations(inventory);
    if !failed.is_empty() {
        let listed: Vec<String> = (failed.iter())
            .map(|(operation, message)| format!("{operation}: {message}"))
            .collect();
        text += &format!(
            "; {} operation(s) failed, what they would have shown is `error`: {}",
            failed.len(),
            listed.join("; ")
        );
    }
    for (operation, count) in &inventory.meta.api_calls {
        text += &format!("\n  {count:>4}  {operation}");
    }
    for (operation, count) in &inventory.meta.repeated_requests {
        text += &format!("\n  note: {count} identical {operation} request(s) sent again");
    }
    text
}
