//! `stackproof check`: collect live from an outputs file (or read a saved inventory), then
//! evaluate it against a profile and waivers.

use std::path::{Path, PathBuf};

use anyhow::Result;
use stackproof_checks::engine::{Evaluation, evaluate};
use stackproof_checks::inventory::{Inventory, RunMeta};
use stackproof_checks::profile::{load_profile, parameter_lines, profile_text};
use stackproof_checks::registry::{self, REGISTRY};
use stackproof_checks::report::StackReport;
use stackproof_checks::result::Status;
use stackproof_checks::waiver::load_waivers;

use super::UsageError;
use super::collect_cmd::{collect_from, describe_collection, read_anchors};
use super::report_args::{ReportArgs, save_inventory};
use crate::target::{Target, TargetArgs};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// A saved inventory (from `stackproof collect --out`) instead of collecting live
    #[arg(long, value_name = "FILE", conflicts_with = "outputs")]
    inventory: Option<PathBuf>,
    /// Judge a CloudFormation template (JSON or YAML) or a CDK `cdk.out` directory before
    /// deploy, instead of a deployed stack. Values known only after deploy make the verdicts
    /// that rest on them `skip`, never `pass` (docs/template-mode.md)
    #[arg(long, value_name = "PATH", conflicts_with_all = ["inventory", "outputs", "save_inventory"])]
    pub(crate) template: Option<PathBuf>,
    /// Template mode: a parameter's value (over its default), as KEY=VALUE; repeatable
    #[arg(long = "parameter", value_name = "KEY=VALUE", requires = "template", value_parser = super::template_check::parse_parameter)]
    pub(crate) parameters: Vec<(String, String)>,
    /// Template mode: the account id `AWS::AccountId` stands for (default 123456789012)
    #[arg(long, value_name = "ID", requires = "template")]
    pub(crate) account_id: Option<String>,
    /// Outputs file to collect from live (the default when no --inventory is given)
    #[arg(long, value_name = "FILE")]
    outputs: Option<PathBuf>,
    /// Also write the live inventory here
    #[arg(long, value_name = "FILE", conflicts_with = "inventory")]
    save_inventory: Option<PathBuf>,
    /// The stack's environment suffix, when the outputs do not name it (`EnvironmentSuffix`)
    #[arg(long, value_name = "SUFFIX")]
    pub(crate) environment_suffix: Option<String>,
    /// The stack's name in reports. Default: the stack the outputs file is keyed by or its
    /// `StackName` output, else the environment suffix, else the outputs file's path
    #[arg(long, value_name = "NAME")]
    pub(crate) stack_name: Option<String>,
    /// Per-resource API calls in flight at once (live collection)
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    #[command(flatten)]
    pub(crate) target: TargetArgs,
    /// Profile: a path to a TOML file, or a name looked up in --profiles-dir, then among the
    /// built-in profiles (`stackproof profiles list`)
    #[arg(long, default_value = "baseline")]
    pub(crate) profile: String,
    #[command(flatten)]
    pub(crate) profiles: super::profiles_cmd::ProfilesDir,
    /// Waivers TOML: [[waiver]] check, resource (glob), justification, approver, ticket, expires
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) report: ReportArgs,
}

pub async fn run(args: CheckArgs) -> Result<u8> {
    // Profile and waivers first: a usage error should not wait for a collection.
    let profile =
        load_profile(&args.profile, &args.profiles.dir).map_err(|e| UsageError(e.to_string()))?;
    let waivers = match &args.waivers {
        Some(path) => {
            load_waivers(path, &registry::ids()).map_err(|e| UsageError(e.to_string()))?
        }
        None => Vec::new(),
    };
    if args.template.is_some() {
        return super::template_check::run(&args, &profile, &waivers);
    }
    let started = std::time::Instant::now();
    let (mut inventory, source) = match &args.inventory {
        Some(path) => {
            let inventory = read_inventory(path)?;
            let resources = inventory.resource_count();
            tracing::info!(
                resources,
                ms = started.elapsed().as_millis(),
                "inventory read"
            );
            (inventory, path.clone())
        }
        None => {
            let outputs = args
                .outputs
                .clone()
                .unwrap_or_else(|| PathBuf::from("cfn-outputs/flat-outputs.json"));
            let anchors = read_anchors(&outputs)?;
            let target = Target::connect(&args.target).await?;
            // What no check of this profile reads is not asked for (unless the inventory is
            // saved for later: then everything is read).
            let not_read = match &args.save_inventory {
                Some(_) => Vec::new(),
                None => stackproof_checks::inventory::unneeded_reads(&profile),
            };
            let inventory = collect_from(
                &target,
                target.sdk_config(),
                &anchors,
                &outputs,
                args.concurrency,
                not_read,
            )
            .await;
            eprintln!(
                "{}",
                describe_collection(&inventory)
                    .lines()
                    .next()
                    .unwrap_or_default()
            );
            if let Some(path) = &args.save_inventory {
                save_inventory(path, &inventory)?;
            }
            (inventory, outputs)
        }
    };
    if let Some(suffix) = &args.environment_suffix {
        inventory.meta.environment_suffix = Some(suffix.clone());
    }
    note_profile_file(&mut inventory.meta, &args.profile, &args.profiles.dir);
    let evaluation = evaluate_timed(&mut inventory, &profile, &waivers);
    tracing::info!(
        results = evaluation.results.len(),
        ms = inventory.meta.phase_ms.get("evaluate"),
        "checks evaluated"
    );
    let profile_name = profile.name.as_deref().unwrap_or(&args.profile);
    print!("{}", summary(&evaluation, &source, profile_name));
    let stack = StackReport::new(
        &stack_name(args.stack_name.as_deref(), &inventory.meta, &source),
        profile_name,
        inventory.meta.clone(),
        evaluation,
    );
    let started = std::time::Instant::now();
    let (report, dir) = args.report.write(&args.report.claim_run()?, vec![stack])?;
    tracing::info!(ms = started.elapsed().as_millis(), "reports written");
    println!("reports: {}", dir.display());
    if report.nothing_verified() {
        eprintln!("{}", nothing_verified(&inventory.meta, &source));
    }
    let code = report.exit_code();
    // Freeing a million results one allocation at a time takes longer than the exit does.
    std::mem::forget((report, inventory));
    Ok(code)
}

/// The one line of a run that verified nothing: which file, what it held, what it must hold.
fn nothing_verified(meta: &RunMeta, source: &Path) -> String {
    let mut held: Vec<String> = (meta.outputs.iter().take(5))
        .map(|(key, kind)| format!("{key} ({kind})"))
        .collect();
    if meta.outputs.len() > held.len() {
        held.push(format!("{} more", meta.outputs.len() - held.len()));
    }
    let held = match held.is_empty() {
        true => "no output".to_string(),
        false => format!("{} outputs: {}", meta.outputs.len(), held.join(", ")),
    };
    format!(
        "nothing verified (exit 3): {} holds {held}, none naming a resource stackproof collects; \
         it must name the stack's resources by id, ARN or name (a VPC id, a load balancer ARN, \
         a cluster name …): `stackproof outputs {}` shows how each value was read",
        source.display(),
        source.display()
    )
}

/// What reports call the stack: given, told by the outputs, its environment suffix, or (last)
/// the file it was read from, which in CI is often a temporary path.
/// Records the profile file (not a built-in profile) and the line of each parameter it sets,
/// so SARIF can point a result about a profiled value at the line that asked for it.
pub(crate) fn note_profile_file(meta: &mut RunMeta, profile: &str, dir: &Path) {
    let Ok((path, text)) = profile_text(profile, dir) else {
        return;
    };
    if path.is_file() {
        meta.profile_file = Some(path.display().to_string());
        meta.profile_lines = parameter_lines(&text);
    }
}

fn stack_name(given: Option<&str>, meta: &RunMeta, source: &Path) -> String {
    given
        .map(str::to_string)
        .or_else(|| meta.stack.clone())
        .or_else(|| meta.environment_suffix.clone())
        .unwrap_or_else(|| source.display().to_string())
}

/// Evaluates every check as of today, recording the time taken as the `evaluate` phase.
pub fn evaluate_timed(
    inventory: &mut Inventory,
    profile: &stackproof_checks::profile::Profile,
    waivers: &[stackproof_checks::waiver::Waiver],
) -> Evaluation {
    let started = std::time::Instant::now();
    let today = chrono::Local::now().date_naive();
    let evaluation = evaluate(inventory, profile, REGISTRY, waivers, today);
    inventory
        .meta
        .phase_ms
        .insert("evaluate".into(), started.elapsed().as_millis() as u64);
    evaluation
}

/// Reads and validates an inventory, naming the file and the offending key on error. Every
/// problem is the input's: exit 2, like a bad outputs file.
pub fn read_inventory(path: &Path) -> Result<Inventory> {
    let bytes = std::fs::read(path).map_err(|error| {
        UsageError(format!("cannot read inventory {}: {error}", path.display()))
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        UsageError(format!(
            "invalid inventory {}: not UTF-8 text (byte {})",
            path.display(),
            error.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // The plain parser first (about twice as fast); only a file it rejects is parsed again,
    // tracking the path, to name the offending key.
    let inventory: Inventory = match serde_json::from_str(text) {
        Ok(inventory) => inventory,
        Err(plain) => {
            let deserializer = &mut serde_json::Deserializer::from_str(text);
            let problem = match serde_path_to_error::deserialize::<_, Inventory>(deserializer) {
                Err(error) => format!("at `{}`: {}", error.path(), error.inner()),
                Ok(_) => plain.to_string(),
            };
            return Err(
                UsageError(format!("invalid inventory {}: {problem}", path.display())).into(),
            );
        }
    };
    inventory.validate().map_err(|problem| {
        UsageError(format!("invalid inventory {}: {problem}", path.display()))
    })?;
    // The meta says what the collection could not read or did not read; without it a gap in
    // the inventory would read as a resource with nothing wrong.
    if inventory.meta.target.is_empty() {
        return Err(UsageError(format!(
            "invalid inventory {}: no `meta.target`: an inventory keeps its run's meta (target, \
             failed and skipped reads), without which a gap could read as a pass; save one with \
             `stackproof check --save-inventory` or `stackproof collect --out`",
            path.display()
        ))
        .into());
    }
    Ok(inventory)
}

/// One result on one line: status, check, severity, title, resource, message.
fn result_line(result: &stackproof_checks::result::CheckResult) -> String {
    let check = registry::find(&result.check_id)
        .map(|c| (c.meta.severity.as_str(), c.meta.title))
        .unwrap_or(("?", "?"));
    format!(
        "{:<6} {} [{}] {} — {}: {}\n",
        result.status.as_str().to_uppercase(),
        result.check_id,
        check.0,
        check.1,
        result.resource,
        result.message
    )
}

/// The `error` results, the same cause printed once with a count and the checks it touched
/// (each result keeps its own message in the reports).
fn error_lines(evaluation: &Evaluation) -> String {
    let mut causes: Vec<(&str, Vec<&stackproof_checks::result::CheckResult>)> = Vec::new();
    for result in evaluation
        .results
        .iter()
        .filter(|r| r.status == Status::Error)
    {
        let cause = result
            .message
            .split("; from what was seen")
            .next()
            .unwrap_or("");
        match causes.iter_mut().find(|(known, _)| *known == cause) {
            Some((_, results)) => results.push(result),
            None => causes.push((cause, vec![result])),
        }
    }
    let mut text = String::new();
    for (cause, results) in causes {
        if let [result] = results[..] {
            text += &result_line(result);
            continue;
        }
        let mut checks: Vec<&str> = results.iter().map(|r| r.check_id.as_str()).collect();
        checks.dedup();
        let shown = checks
            .iter()
            .take(8)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = checks.len().saturating_sub(8);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        text += &format!("ERROR  ×{} {cause} — {shown}{more}\n", results.len());
    }
    text
}

/// The console summary: counts by status, then every fail and waived result, and the errors
/// grouped by cause.
pub fn summary(evaluation: &Evaluation, inventory: &Path, profile: &str) -> String {
    let mut text = format!(
        "stackproof check: {} checks on {} with profile {profile}\n",
        REGISTRY.len(),
        inventory.display()
    );
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|status| format!("{} {}", status.as_str(), evaluation.count(*status)))
        .collect();
    text += &format!("  {}\n", counts.join("  "));
    for status in [Status::Fail, Status::Waived] {
        for result in evaluation.results.iter().filter(|r| r.status == status) {
            text += &result_line(result);
        }
    }
    text += &error_lines(evaluation);
    for waiver in &evaluation.unused_waivers {
        text += &format!(
            "UNUSED waiver {} for {} ({}): matched no failing result\n",
            waiver.check, waiver.resource, waiver.ticket
        );
    }
    for waiver in &evaluation.expired_waivers {
        text += &format!(
            "EXPIRED waiver {} for {} ({}, expired {})\n",
            waiver.check, waiver.resource, waiver.ticket, waiver.expires
        );
    }
    text
}
