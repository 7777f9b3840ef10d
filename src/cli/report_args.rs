//! Report options shared by `check` and `run`, and writing the run's report directory.

use std::path::{Path, PathBuf};

use anyhow::Result;

use stackproof_checks::report::{Format, RunReport, StackReport, write_reports};

#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Where the run's report directory (`<run-id>/`) goes
    #[arg(
        long,
        value_name = "DIR",
        default_value = "reports",
        env = "STACKPROOF_REPORT_DIR"
    )]
    pub report_dir: PathBuf,
    /// Report formats, comma-separated: json, junit, sarif, markdown, html (a MANIFEST.sha256 is always written)
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "json,junit,sarif,markdown,html",
        value_parser = parse_format
    )]
    pub format: Vec<Format>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name)
        .ok_or_else(|| format!("unknown format `{name}` (json, junit, sarif, markdown, html)"))
}

impl ReportArgs {
    /// A new run id from the clock (`20261122T031500Z`, `-2`, `-3` … when runs share a second),
    /// its directory created so no other run can take it.
    pub fn claim_run(&self) -> Result<String> {
        use anyhow::Context as _;
        let base = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        std::fs::create_dir_all(&self.report_dir)
            .with_context(|| format!("cannot create {}", self.report_dir.display()))?;
        for n in 1.. {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            match std::fs::create_dir(self.run_dir(&id)) {
                Ok(()) => return Ok(id),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(error) => {
                    return Err(error).with_context(|| {
                        format!(
                            "cannot create a run directory in {}",
                            self.report_dir.display()
                        )
                    });
                }
            }
        }
        unreachable!("the loop returns")
    }

    /// The directory of run `run_id`.
    pub fn run_dir(&self, run_id: &str) -> PathBuf {
        self.report_dir.join(run_id)
    }

    /// Builds the run's report and writes its formats into `<report-dir>/<run-id>/`.
    pub fn write(&self, run_id: &str, stacks: Vec<StackReport>) -> Result<(RunReport, PathBuf)> {
        let report = RunReport::new(
            env!("CARGO_PKG_VERSION"),
            run_id,
            &chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            stacks,
            &stackproof_checks::registry::all_metas(),
        );
        let dir = self.run_dir(run_id);
        write_reports(&dir, &report, &self.format)?;
        Ok((report, dir))
    }
}

/// Writes an inventory, redacted, as pretty JSON.
pub fn save_inventory(
    path: &Path,
    inventory: &stackproof_checks::inventory::Inventory,
) -> Result<()> {
    use anyhow::Context as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let json = serde_json::to_string_pretty(&inventory.redacted())?;
    std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))
}
