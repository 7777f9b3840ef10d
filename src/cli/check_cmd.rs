//! `stackproof check`: collect live from an outputs file (or read a saved inventory), then
//! evaluate it against a profile and waivers.

use std::path::{Path, PathBuf};

use anyhow::Result;
use stackproof_checks::inventory::RunMeta;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry;
use stackproof_checks::report::StackReport;
use stackproof_checks::waiver::load_waivers;

use super::UsageError;
use super::report_args::{ReportArgs, save_inventory};
use super::steps::args::{ProfilesDir, parse_parameter};
use super::steps::collect::{collect_from, describe_collection};
use super::steps::evaluate::{evaluate_timed, note_profile_file, read_inventory, summary};
use super::steps::outputs::read_anchors;
use super::template_check::TemplateCheck;
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
    #[arg(long = "parameter", value_name = "KEY=VALUE", requires = "template", value_parser = parse_parameter)]
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
    pub(crate) profiles: ProfilesDir,
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
    if let Some(template) = &args.template {
        let asked = TemplateCheck {
            template,
            parameters: &args.parameters,
            region: args.target.region.clone(),
            account_id: args.account_id.clone(),
            stack_name: args.stack_name.clone(),
            environment_suffix: args.environment_suffix.clone(),
            profile: &args.profile,
            profiles_dir: &args.profiles.dir,
            report: &args.report,
        };
        return super::template_check::run(&asked, &profile, &waivers);
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
fn stack_name(given: Option<&str>, meta: &RunMeta, source: &Path) -> String {
    given
        .map(str::to_string)
        .or_else(|| meta.stack.clone())
        .or_else(|| meta.environment_suffix.clone())
        .unwrap_or_else(|| source.display().to_string())
}
