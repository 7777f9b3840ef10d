//! `stackproof outputs FILE`: the classification of an outputs file, offline.

use std::path::PathBuf;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;
use stackproof_collector::outputs::{Anchor, AnchorKind, OutputsFormat, anchors_of};

use super::{UsageError, exit};

#[derive(clap::Args, Debug)]
pub struct OutputsArgs {
    /// Outputs file: CloudFormation/CDK flat or nested, `pulumi stack output --json`, `terraform output -json`
    #[arg(default_value = "cfn-outputs/flat-outputs.json")]
    file: PathBuf,
    /// Print JSON: {format, anchors: [{kind, id, key, stack, value, region}]}
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Classification {
    file: PathBuf,
    format: OutputsFormat,
    anchors: Vec<Anchor>,
}

pub fn run(args: OutputsArgs) -> Result<u8> {
    let text = std::fs::read_to_string(&args.file).map_err(|error| {
        UsageError(format!(
            "cannot read outputs file {}: {error}",
            args.file.display()
        ))
    })?;
    let (format, anchors) =
        anchors_of(&text, &args.file).map_err(|error| UsageError(error.to_string()))?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&Classification {
                file: args.file,
                format,
                anchors
            })?
        );
        return Ok(exit::OK);
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["key", "stack", "kind", "id"]);
    for anchor in &anchors {
        let kind = serde_json::to_value(anchor.kind)?
            .as_str()
            .unwrap_or_default()
            .to_string();
        table.add_row([
            anchor.key.as_str(),
            anchor.stack.as_deref().unwrap_or("-"),
            &kind,
            &anchor.id,
        ]);
    }
    println!("{table}");
    let unclassified = anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Unclassified)
        .count();
    println!(
        "{} values in {:?} style; {unclassified} unclassified (kept, not collected)",
        anchors.len(),
        format
    );
    Ok(exit::OK)
}
