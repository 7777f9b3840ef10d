//! `stackproof report merge DIR…`: several report directories (CI shards) as one run, every
//! format re-rendered and a new manifest.

use std::path::{Path, PathBuf};

use anyhow::Result;
use stackproof_checks::report::{RunReport, write_reports};

use super::UsageError;
use super::report_args::ReportArgs;

#[derive(clap::Subcommand, Debug)]
pub enum ReportCommand {
    /// Merge report directories (each with a report.json) into one new run
    Merge {
        /// Report directories to merge (a shard's `reports/<run-id>/`)
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
}

pub fn run(command: ReportCommand) -> Result<u8> {
    let ReportCommand::Merge { dirs, report } = command;
    let shards = dirs
        .iter()
        .map(|dir| Ok((shard_name(dir), read_report(dir)?)))
        .collect::<Result<Vec<_>>>()?;
    let count = shards.len();
    let run_id = report.claim_run()?;
    let merged = RunReport::merge(
        shards,
        env!("CARGO_PKG_VERSION"),
        &run_id,
        &chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let dir = report.run_dir(&run_id);
    write_reports(&dir, &merged, &report.format)?;
    eprintln!(
        "merged {count} report(s): {} stacks, {} results",
        merged.stacks.len(),
        merged.results().count()
    );
    println!("reports: {}", dir.display());
    Ok(merged.exit_code())
}

fn shard_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A shard's `report.json`, as a usage error naming the file when it is missing or invalid.
fn read_report(dir: &Path) -> Result<RunReport> {
    let path = dir.join("report.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| UsageError(format!("cannot read {}: {error}", path.display())))?;
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        UsageError(format!(
            "invalid report {}: at `{}`: {}",
            path.display(),
            error.path(),
            error.inner()
        ))
        .into()
    })
}
