//! `stackproof outputs FILE`: the classification of an outputs file, offline.

use std::path::PathBuf;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;
use stackproof_collector::outputs::{Anchor, AnchorKind, OutputsFormat};

use super::exit;
use super::steps::outputs::read_outputs;

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
    let (format, anchors) = read_outputs(&args.file)?;
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
        // What the file holds is shown, never obeyed: control characters print escaped.
        table.add_row([
            visible(&anchor.key),
            visible(anchor.stack.as_deref().unwrap_or("-")),
            kind,
            visible(&anchor.id),
        ]);
    }
    println!("{table}");
    let unclassified = anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Unclassified)
        .count();
    let style = serde_json::to_value(format)?;
    println!(
        "{} values in {} style; {unclassified} unclassified (kept, not collected)",
        anchors.len(),
        style.as_str().unwrap_or_default()
    );
    Ok(exit::OK)
}

/// Text with its control characters escaped (`\u{1b}`), safe to print.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
