//! `stackproof run`: the main job. For each scenario: provision on the target, collect from its
//! outputs, check against its profile, save the inventory, tear down; then write the run's
//! reports (every scenario in one report directory).

use std::path::PathBuf;

use anyhow::Result;
use stackproof_checks::profile::load_profile;
use stackproof_checks::report::StackReport;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionOptions, destroy, provision};

use super::collect_cmd::{collect_from, describe_collection, read_anchors};
use super::drift_cmd::{drift_stack, drift_summary};
use super::provision_cmd::{random_suffix, report_teardown};
use super::report_args::{ReportArgs, save_inventory};
use super::{UsageError, check_cmd, exit};
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
    /// Where profile names are looked up
    #[arg(long, value_name = "DIR", default_value = "fixtures/profiles")]
    profiles_dir: PathBuf,
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
    let target = Target::connect(&args.target).await?;
    let run_id = args.report.claim_run()?;
    let run_dir = args.report.run_dir(&run_id);
    eprintln!("stackproof run {run_id} on {}", target.description());
    let mut stacks = Vec::new();
    let mut broken = false;
    for scenario in scenarios {
        let options = ProvisionOptions {
            suffix: random_suffix(),
            root: args.out_dir.clone(),
            s3_path_style: target.s3_force_path_style(),
            fail_after: None,
        };
        let config = target.sdk_config_for_region(scenario.region());
        eprintln!(
            "== {} (seed {}, region {}, suffix {})",
            scenario.name(),
            scenario.seed().unwrap_or("none"),
            scenario.region(),
            options.suffix
        );
        let provisioned = provision(&config, scenario, &options).await;
        if let Err(error) = &provisioned {
            eprintln!("provisioning failed: {error}");
            broken = true;
        }
        let mut environments = Vec::new();
        for environment in provisioned.iter().flatten() {
            let label = match &environment.name {
                Some(name) => format!("{}/{name}", scenario.name()),
                None => scenario.name().to_string(),
            };
            let outputs = environment.outputs_file(&args.out_dir, scenario.name());
            let region_config = target.sdk_config_for_region(&environment.region);
            let anchors = read_anchors(&outputs)?;
            let mut inventory = collect_from(&target, &region_config, &anchors, &outputs, 8).await;
            eprintln!(
                "{label}: {}",
                describe_collection(&inventory)
                    .lines()
                    .next()
                    .unwrap_or_default()
            );
            let profile_name = profile_for(
                scenario.name(),
                environment.name.as_deref(),
                &args.profiles_dir,
            );
            let profile = load_profile(&profile_name, &args.profiles_dir)
                .map_err(|e| UsageError(e.to_string()))?;
            let evaluation = check_cmd::evaluate_timed(&mut inventory, &profile, &[]);
            print!(
                "{}",
                check_cmd::summary(&evaluation, &outputs, &profile_name)
            );
            save_inventory(&run_dir.join(&label).join("inventory.json"), &inventory)?;
            stacks.push(StackReport::new(
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
            let profile = load_profile(scenario.name(), &args.profiles_dir)
                .map_err(|e| UsageError(e.to_string()))?;
            let mut drift = drift_stack(&environments, &profile, scenario.name());
            drift.name = format!("{}/{}", scenario.name(), drift.name);
            print!("{}", drift_summary(&drift.results));
            stacks.push(drift);
        }
        if args.keep {
            eprintln!(
                "kept; `stackproof destroy --scenario {}` tears it down",
                scenario.name()
            );
            continue;
        }
        let report = destroy(
            &config,
            scenario.name(),
            &args.out_dir,
            target.s3_force_path_style(),
        )
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
        broken |= !report_teardown(scenario.name(), &report);
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

/// The profile for a scenario's environment: `<scenario>-<environment>` when the profiles
/// directory has one, else the scenario's own.
pub fn profile_for(scenario: &str, environment: Option<&str>, dir: &std::path::Path) -> String {
    environment
        .map(|env| format!("{scenario}-{env}"))
        .filter(|name| dir.join(format!("{name}.toml")).is_file())
        .unwrap_or_else(|| scenario.to_string())
}
