//! `stackproof collect`: outputs file → live collection → inventory JSON.

use std::path::{Path, PathBuf};

use anyhow::Result;
use aws_config::SdkConfig;
use stackproof_checks::inventory::Inventory;
use stackproof_collector::discovery::{CollectOptions, collect};
use stackproof_collector::outputs::{Anchor, OutputsFormat, anchors_of, environment_suffix};

use super::{UsageError, exit};
use crate::target::{Target, TargetArgs, TargetDescription};

#[derive(clap::Args, Debug)]
pub struct CollectArgs {
    /// Outputs file: CloudFormation/CDK flat or nested, `pulumi stack output --json`, `terraform output -json`
    #[arg(
        long,
        value_name = "FILE",
        default_value = "cfn-outputs/flat-outputs.json"
    )]
    outputs: PathBuf,
    /// Where to write the inventory JSON
    #[arg(long, value_name = "FILE", default_value = "inventory.json")]
    out: PathBuf,
    /// Per-resource API calls in flight at once
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    #[command(flatten)]
    target: TargetArgs,
}

pub async fn run(args: CollectArgs) -> Result<u8> {
    let anchors = read_anchors(&args.outputs)?;
    let target = Target::connect(&args.target).await?;
    if matches!(target.description(), TargetDescription::Emulator { .. }) {
        eprintln!(
            "note: the embedded emulator starts empty; use --endpoint URL to collect from a running one"
        );
    }
    let inventory = collect_from(
        &target,
        target.sdk_config(),
        &anchors,
        &args.outputs,
        args.concurrency,
        // A saved inventory may be judged by any profile later: read everything.
        Vec::new(),
    )
    .await;
    super::report_args::save_inventory(&args.out, &inventory)?;
    eprintln!("{}", describe_collection(&inventory));
    println!("{}", args.out.display());
    Ok(exit::OK)
}

/// Reads and classifies an outputs file, as a usage error when it is unreadable or malformed.
pub fn read_anchors(path: &Path) -> Result<Vec<Anchor>> {
    Ok(read_outputs(path)?.1)
}

/// Reads and classifies an outputs file; every problem is a usage error naming the file.
pub fn read_outputs(path: &Path) -> Result<(OutputsFormat, Vec<Anchor>)> {
    let bytes = std::fs::read(path).map_err(|error| {
        UsageError(format!(
            "cannot read outputs file {}: {error}",
            path.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        UsageError(format!(
            "outputs file {} is not valid JSON: it is not UTF-8 text (at byte {})",
            path.display(),
            error.utf8_error().valid_up_to()
        ))
    })?;
    anchors_of(&text, path).map_err(|error| UsageError(error.to_string()).into())
}

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
