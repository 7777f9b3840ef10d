//! `stackproof run`: the main job. For each scenario: provision on the target, collect from its
//! outputs, check against its profile, save the inventory, tear down; then write the run's
//! reports (every scenario in one report directory).
//!
//! `run` never leaves what it made: every profile is loaded before the first create, and once
//! provisioning started, an error or Ctrl-C still tears down what the ledger lists (unless
//! `--keep`) before the original error is reported.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use stackproof_checks::profile::{Profile, load_profile};
use stackproof_checks::report::StackReport;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionError, ProvisionOptions, provision};

use super::report_args::{ReportArgs, save_inventory};
use super::steps::args::ProfilesDir;
use super::steps::collect::{collect_from, describe_collection};
use super::steps::drift::{drift_stack, drift_summary};
use super::steps::evaluate::{evaluate_timed, summary};
use super::steps::outputs::read_anchors;
use super::steps::progress::{random_suffix, tear_down, with_progress};
use super::{UsageError, exit};
use crate::target::{Target, TargetArgs};

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Scenario to run (repeatable); every scenario when omitted
    #[arg(long)]
    scenario: Vec<String>,
    /// Run every scenario (the default)
    #[arg(long)]
    all: bool,
    /// Keep the provisioned resources instead of tearing them down
    #[arg(long)]
    keep: bool,
    /// Where outputs files and ledgers go
    #[arg(long, value_name = "DIR", default_value = "cfn-outputs")]
    out_dir: PathBuf,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    profiles: ProfilesDir,
    #[command(flatten)]
    target: TargetArgs,
}

pub async fn run(args: RunArgs) -> Result<u8> {
    let scenarios: Vec<Scenario> = if args.scenario.is_empty() {
        Scenario::ALL.to_vec()
    } else {
        args.scenario
            .iter()
            .map(|name| {
                Scenario::from_name(name)
                    .filter(|scenario| scenario.seed().is_some())
                    .ok_or_else(|| {
                        UsageError(format!(
                            "unknown seed scenario `{name}` (benchmark stacks are built with `provision`)"
                        ))
                    })
            })
            .collect::<Result<_, _>>()?
    };
    // Everything that can be checked is checked before the first create: every profile a
    // scenario or environment will be judged by.
    let profiles = scenario_profiles(&scenarios, &args.profiles.dir)?;
    let target = Target::connect(&args.target).await?;
    let run_id = args.report.claim_run()?;
    let run_dir = args.report.run_dir(&run_id);
    eprintln!("stackproof run {run_id} on {}", target.description());
    let mut stacks = Vec::new();
    let mut broken = false;
    let stop = stop_on_interrupt();
    for scenario in scenarios {
        let options = ProvisionOptions {
            suffix: random_suffix(),
            root: args.out_dir.clone(),
            s3_path_style: target.s3_force_path_style(),
            fail_after: None,
            stop: Some(stop.clone()),
        };
        eprintln!(
            "== {} (seed {}, region {}, suffix {})",
            scenario.name(),
            scenario.seed().unwrap_or("none"),
            scenario.region(),
            options.suffix
        );
        let outcome =
            verify_scenario(&args, &target, scenario, &options, &profiles, &run_dir).await;
        let outcome = match outcome {
            Ok(_) if stop.load(Ordering::SeqCst) => Err(anyhow::anyhow!(
                "interrupted while running {}",
                scenario.name()
            )),
            outcome => outcome,
        };
        if args.keep {
            eprintln!(
                "kept; `stackproof destroy --scenario {}` tears it down",
                scenario.name()
            );
        } else {
            broken |= !tear_down(&target, scenario, &args.out_dir)
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
        }
        match outcome {
            Ok(Verified {
                reports,
                provisioned,
            }) => {
                broken |= !provisioned;
                stacks.extend(reports);
            }
            Err(error) => {
                let torn_down = if args.keep { "kept" } else { "torn down" };
                return Err(error.context(format!(
                    "{} stopped; what it had made was {torn_down}",
                    scenario.name()
                )));
            }
        }
    }
    let (report, dir) = args.report.write(&run_id, stacks)?;
    eprintln!("reports: {}", dir.display());
    // A fail outranks everything; a failed provisioning or teardown is an error of the run.
    Ok(match (report.exit_code(), broken) {
        (exit::FINDINGS, _) => exit::FINDINGS,
        (_, true) => exit::FAILURE,
        (code, false) => code,
    })
}

/// What verifying one scenario produced.
struct Verified {
    reports: Vec<StackReport>,
    /// Whether provisioning completed (what it made is verified either way).
    provisioned: bool,
}

/// Provisions a scenario, collects each environment, checks it against its profile, saves its
/// inventory, and compares environments for drift. Teardown is the caller's, whatever happens.
async fn verify_scenario(
    args: &RunArgs,
    target: &Target,
    scenario: Scenario,
    options: &ProvisionOptions,
    profiles: &BTreeMap<String, Profile>,
    run_dir: &std::path::Path,
) -> Result<Verified> {
    let config = target.sdk_config_for_region(scenario.region());
    let label = format!("provisioning {}", scenario.name());
    let provisioned = with_progress(label, provision(&config, scenario, options)).await;
    match &provisioned {
        Err(error @ ProvisionError::Interrupted(_)) => {
            anyhow::bail!(
                "interrupted while provisioning {}: {error}",
                scenario.name()
            )
        }
        Err(error) => eprintln!("provisioning failed: {error}"),
        Ok(_) => {}
    }
    let mut reports = Vec::new();
    let mut environments = Vec::new();
    for environment in provisioned.iter().flatten() {
        let label = match &environment.name {
            Some(name) => format!("{}/{name}", scenario.name()),
            None => scenario.name().to_string(),
        };
        let outputs = environment.outputs_file(&args.out_dir, scenario.name());
        let region_config = target.sdk_config_for_region(&environment.region);
        let anchors = read_anchors(&outputs)?;
        let profile_name = profile_for(
            scenario.name(),
            environment.name.as_deref(),
            &args.profiles.dir,
        );
        let profile = &profiles[&profile_name];
        let not_read = stackproof_checks::inventory::unneeded_reads(profile);
        let mut inventory =
            collect_from(target, &region_config, &anchors, &outputs, 8, not_read).await;
        eprintln!(
            "{label}: {}",
            describe_collection(&inventory)
                .lines()
                .next()
                .unwrap_or_default()
        );
        let evaluation = evaluate_timed(&mut inventory, profile, &[]);
        print!("{}", summary(&evaluation, &outputs, &profile_name));
        save_inventory(&run_dir.join(&label).join("inventory.json"), &inventory)?;
        reports.push(StackReport::new(
            &label,
            &profile_name,
            inventory.meta.clone(),
            evaluation,
        ));
        if let Some(name) = &environment.name {
            environments.push((name.clone(), inventory));
        }
    }
    // Several environments of one stack: what differs between them beyond the profile.
    if environments.len() > 1 {
        let profile = &profiles[scenario.name()];
        let mut drift = drift_stack(&environments, profile, scenario.name());
        drift.name = format!("{}/{}", scenario.name(), drift.name);
        print!("{}", drift_summary(&drift.results));
        reports.push(drift);
    }
    Ok(Verified {
        reports,
        provisioned: provisioned.is_ok(),
    })
}

/// A flag the first Ctrl-C sets: provisioning stops after the resource it is creating is
/// recorded, and the scenario is torn down. A second Ctrl-C exits at once.
fn stop_on_interrupt() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("interrupt: stopping after the current step, then tearing down");
            flag.store(true, Ordering::SeqCst);
        }
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("second interrupt: exiting now; `stackproof destroy` removes what is left");
            std::process::exit(130);
        }
    });
    stop
}

/// Every profile the scenarios will be judged by (each scenario's, each environment's), loaded
/// up front: a broken profile stops the run before anything is made.
fn scenario_profiles(
    scenarios: &[Scenario],
    dir: &std::path::Path,
) -> Result<BTreeMap<String, Profile>> {
    let mut profiles = BTreeMap::new();
    for scenario in scenarios {
        let names = std::iter::once(scenario.name().to_string()).chain(
            (scenario.environment_names().into_iter())
                .map(|env| profile_for(scenario.name(), Some(env), dir)),
        );
        for name in names {
            let profile = load_profile(&name, dir).map_err(|e| UsageError(e.to_string()))?;
            profiles.insert(name, profile);
        }
    }
    Ok(profiles)
}

/// The profile for a scenario's environment: `<scenario>-<environment>` when the profiles
/// directory has one, else the scenario's own.
pub fn profile_for(scenario: &str, environment: Option<&str>, dir: &std::path::Path) -> String {
    environment
        .map(|env| format!("{scenario}-{env}"))
        .filter(|name| {
            dir.join(format!("{name}.toml")).is_file()
                || stackproof_checks::profile::builtin(name).is_some()
        })
        .unwrap_or_else(|| scenario.to_string())
}
