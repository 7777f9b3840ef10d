//! `stackproof collect`: outputs file → live collection → inventory JSON.

use std::path::{Path, PathBuf};

use anyhow::Result;
use aws_config::SdkConfig;
use stackproof_checks::inventory::Inventory;
use stackproof_collector::discovery::{CollectOptions, collect};
use stackproof_collector::outputs::{Anchor, anchors_of, environment_suffix};

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
    )
    .await;
    super::report_args::save_inventory(&args.out, &inventory)?;
    eprintln!("{}", describe_collection(&inventory));
    println!("{}", args.out.display());
    Ok(exit::OK)
}

/// Reads and classifies an outputs file, as a usage error when it is unreadable or malformed.
pub fn read_anchors(path: &Path) -> Result<Vec<Anchor>> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        UsageError(format!(
            "cannot read outputs file {}: {error}",
            path.display()
        ))
    })?;
    let (_, anchors) = anchors_of(&text, path).map_err(|error| UsageError(error.to_string()))?;
    Ok(anchors)
}

/// Collects what the anchors lead to on `target`, through `config` (the target in a region).
pub async fn collect_from(
    target: &Target,
    config: &SdkConfig,
    anchors: &[Anchor],
    outputs: &Path,
    concurrency: usize,
) -> Inventory {
    collect(
        config,
        anchors,
        &collect_options(target, anchors, outputs, concurrency),
    )
    .await
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
    }
}

/// One line: resources found, missing, API requests and time; then requests by operation.
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
    for (operation, count) in &inventory.meta.api_calls {
        text += &format!("\n  {count:>4}  {operation}");
    }
    for (operation, count) in &inventory.meta.repeated_requests {
        text += &format!("\n  note: {count} identical {operation} request(s) sent again");
    }
    text
}
