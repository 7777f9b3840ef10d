//! `stackproof check`: evaluate a saved inventory against a profile (and waivers).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use stackproof_checks::engine::{Evaluation, evaluate};
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::{self, REGISTRY};
use stackproof_checks::result::Status;
use stackproof_checks::waiver::load_waivers;

use super::{UsageError, exit};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// A saved inventory (from `stackproof collect --out`)
    #[arg(long, value_name = "FILE")]
    inventory: PathBuf,
    /// Profile name (in --profiles-dir) or path to a profile TOML
    #[arg(long, default_value = "baseline")]
    profile: String,
    /// Where profile names are looked up
    #[arg(long, value_name = "DIR", default_value = "fixtures/profiles")]
    profiles_dir: PathBuf,
    /// Waivers TOML: [[waiver]] check, resource (glob), justification, approver, ticket, expires
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> Result<u8> {
    let inventory = read_inventory(&args.inventory)?;
    let profile =
        load_profile(&args.profile, &args.profiles_dir).map_err(|e| UsageError(e.to_string()))?;
    let waivers = match &args.waivers {
        Some(path) => {
            load_waivers(path, &registry::ids()).map_err(|e| UsageError(e.to_string()))?
        }
        None => Vec::new(),
    };
    let today = chrono::Local::now().date_naive();
    let evaluation = evaluate(&inventory, &profile, REGISTRY, &waivers, today);
    let profile_name = profile.name.as_deref().unwrap_or(&args.profile);
    print!("{}", summary(&evaluation, &args.inventory, profile_name));
    let findings = evaluation.count(Status::Fail) + evaluation.count(Status::Error);
    Ok(if findings > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Reads an inventory, naming the file and the offending key on error.
pub fn read_inventory(path: &Path) -> Result<Inventory> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read inventory {}", path.display()))?;
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        UsageError(format!(
            "invalid inventory {}: at `{}`: {}",
            path.display(),
            error.path(),
            error.inner()
        ))
        .into()
    })
}

/// The console summary: counts by status, then every fail, error and waived result.
pub fn summary(evaluation: &Evaluation, inventory: &Path, profile: &str) -> String {
    let mut text = format!(
        "stackproof check: {} checks on {} with profile {profile}\n",
        REGISTRY.len(),
        inventory.display()
    );
    let counts: Vec<String> = [
        Status::Pass,
        Status::Fail,
        Status::Error,
        Status::Skip,
        Status::Waived,
    ]
    .iter()
    .map(|status| format!("{} {}", status.as_str(), evaluation.count(*status)))
    .collect();
    text += &format!("  {}\n", counts.join("  "));
    for status in [Status::Fail, Status::Error, Status::Waived] {
        for result in evaluation.results.iter().filter(|r| r.status == status) {
            let check = registry::find(&result.check_id)
                .map(|c| (c.meta.severity.as_str(), c.meta.title))
                .unwrap_or(("?", "?"));
            text += &format!(
                "{:<6} {} [{}] {} — {}: {}\n",
                status.as_str().to_uppercase(),
                result.check_id,
                check.0,
                check.1,
                result.resource,
                result.message
            );
        }
    }
    for waiver in &evaluation.expired_waivers {
        text += &format!(
            "EXPIRED waiver {} for {} ({}, expired {})\n",
            waiver.check, waiver.resource, waiver.ticket, waiver.expires
        );
    }
    text
}
