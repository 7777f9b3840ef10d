//! `stackproof collect`: outputs file → live collection → inventory JSON.

use std::path::PathBuf;

use anyhow::Result;

use super::exit;
use super::steps::collect::{collect_from, describe_collection};
use super::steps::outputs::read_anchors;
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
