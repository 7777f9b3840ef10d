//! `stackproof run`: the main job. For each scenario: provision on the target, collect from its
//! outputs, check against its profile, save the inventory and results, tear down.

use std::path::PathBuf;

use anyhow::{Context, Result};
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::result::Status;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionOptions, destroy, provision};

use super::collect_cmd::{collect_from, describe_collection, read_anchors};
use super::provision_cmd::{random_suffix, report_teardown};
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
    /// Where the run's directory (inventories, results) goes
    #[arg(long, value_name = "DIR", default_value = "reports")]
    report_dir: PathBuf,
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
                    .ok_or_else(|| UsageError(format!("unknown scenario `{name}`")))
            })
            .collect::<Result<_, _>>()?
    };
    let target = Target::connect(&args.target).await?;
    let run_id = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let run_dir = args.report_dir.join(&run_id);
    std::fs::create_dir_all(&run_dir)
        .with_context(|| format!("cannot create {}", run_dir.display()))?;
    eprintln!("stackproof run {run_id} on {}", target.description());
    let mut findings = 0;
    let mut dirty = false;
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
            scenario.seed(),
            scenario.region(),
            options.suffix
        );
        let provisioned = provision(&config, scenario, &options).await;
        if let Err(error) = &provisioned {
            eprintln!("provisioning failed: {error}");
            findings += 1;
        }
        for environment in provisioned.iter().flatten() {
            let label = match &environment.name {
                Some(name) => format!("{}/{name}", scenario.name()),
                None => scenario.name().to_string(),
            };
            let outputs = environment.outputs_file(&args.out_dir, scenario.name());
            let region_config = target.sdk_config_for_region(&environment.region);
            let anchors = read_anchors(&outputs)?;
            let inventory = collect_from(&target, &region_config, &anchors, &outputs, 8).await;
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
            let evaluation = evaluate(
                &inventory,
                &profile,
                REGISTRY,
                &[],
                chrono::Local::now().date_naive(),
            );
            print!(
                "{}",
                check_cmd::summary(&evaluation, &outputs, &profile_name)
            );
            findings += evaluation.count(Status::Fail) + evaluation.count(Status::Error);
            let dir = run_dir.join(&label);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join("inventory.json"),
                serde_json::to_string_pretty(&inventory)?,
            )?;
            std::fs::write(
                dir.join("results.json"),
                serde_json::to_string_pretty(&evaluation)?,
            )?;
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
        dirty |= !report_teardown(scenario.name(), &report);
    }
    eprintln!("results and inventories: {}", run_dir.display());
    Ok(match (findings, dirty) {
        (0, false) => exit::OK,
        (_, true) => exit::FAILURE,
        _ => exit::FINDINGS,
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
