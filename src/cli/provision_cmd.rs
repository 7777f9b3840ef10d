//! `stackproof provision` and `stackproof destroy`: the seed scenarios on a target.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionOptions, provision};

use super::steps::progress::{random_suffix, report_teardown, tear_down, with_progress};
use super::{UsageError, exit};
use crate::target::{Target, TargetArgs};

#[derive(clap::Args, Debug)]
pub struct ProvisionArgs {
    /// Scenario to build (repeatable); see --all. Besides the five seeds, the benchmark stacks
    /// of docs/performance.md: mixed-35, scale-100, scale-1000
    #[arg(long, value_parser = scenario_name)]
    scenario: Vec<String>,
    /// Build every seed scenario
    #[arg(long, conflicts_with = "scenario")]
    all: bool,
    /// Suffix for every resource name (default: a short random one)
    #[arg(long)]
    suffix: Option<String>,
    /// Where outputs files and ledgers go
    #[arg(long, value_name = "DIR", default_value = "cfn-outputs")]
    out_dir: PathBuf,
    #[command(flatten)]
    target: TargetArgs,
}

#[derive(clap::Args, Debug)]
pub struct DestroyArgs {
    /// Scenario whose ledger to tear down (repeatable); see --all
    #[arg(long, value_parser = scenario_name)]
    scenario: Vec<String>,
    /// Tear down every scenario that has a ledger
    #[arg(long, conflicts_with = "scenario")]
    all: bool,
    /// The janitor: find every run stackproof left in the account (by the tags every resource
    /// carries, ledger or not) in the scenarios' regions and tear down those older than
    /// --older-than; younger runs may be in progress and are kept
    #[arg(long, conflicts_with_all = ["scenario", "all"])]
    stale: bool,
    /// With --stale: the age from which a run is stale (`90m`, `6h`, `2d`; `0s` takes every run,
    /// also one too old to carry its start time)
    #[arg(long, value_name = "DURATION", default_value = "6h", value_parser = humantime::parse_duration, requires = "stale")]
    older_than: std::time::Duration,
    /// Where the ledgers are
    #[arg(long, value_name = "DIR", default_value = "cfn-outputs")]
    out_dir: PathBuf,
    #[command(flatten)]
    target: TargetArgs,
}

fn scenario_name(name: &str) -> Result<String, String> {
    match Scenario::from_name(name) {
        Some(_) => Ok(name.to_string()),
        None => {
            let known: Vec<&str> = (Scenario::ALL.iter())
                .chain(&Scenario::BENCHMARK)
                .map(|s| s.name())
                .collect();
            Err(format!(
                "unknown scenario `{name}`; known: {}",
                known.join(", ")
            ))
        }
    }
}

fn chosen(names: &[String], all: bool) -> Result<Vec<Scenario>> {
    if all {
        return Ok(Scenario::ALL.to_vec());
    }
    if names.is_empty() {
        bail!(UsageError(
            "name a scenario with --scenario, or pass --all".into()
        ));
    }
    Ok(names
        .iter()
        .filter_map(|n| Scenario::from_name(n))
        .collect())
}

pub async fn run_provision(args: ProvisionArgs) -> Result<u8> {
    let scenarios = chosen(&args.scenario, args.all)?;
    let suffix = args.suffix.clone().unwrap_or_else(random_suffix);
    let target = Target::connect(&args.target).await?;
    let options = ProvisionOptions {
        suffix,
        root: args.out_dir.clone(),
        s3_path_style: target.s3_force_path_style(),
        fail_after: None,
        stop: None,
    };
    for scenario in &scenarios {
        let label = format!(
            "provisioning {} (suffix {}) on {}",
            scenario.name(),
            options.suffix,
            target.description()
        );
        let config = target.sdk_config_for_region(scenario.region());
        let result = with_progress(label, provision(&config, *scenario, &options)).await;
        let environments = result.with_context(|| {
            format!("provisioning {} failed; `stackproof destroy --scenario {}` removes what was created", scenario.name(), scenario.name())
        })?;
        for environment in &environments {
            let file = environment.outputs_file(&args.out_dir, scenario.name());
            eprintln!(
                "{}: {} outputs written to {}",
                scenario.name(),
                environment.outputs.len(),
                file.display()
            );
            if scenarios.len() == 1 && environments.len() == 1 {
                std::fs::copy(&file, args.out_dir.join("flat-outputs.json"))?;
            }
        }
    }
    Ok(exit::OK)
}

pub async fn run_destroy(args: DestroyArgs) -> Result<u8> {
    if args.stale {
        return sweep_stale(&args).await;
    }
    let scenarios: Vec<Scenario> = if args.all {
        (Scenario::ALL.into_iter())
            .chain(Scenario::BENCHMARK)
            .filter(|s| {
                stackproof_provisioner::scenario_dir(&args.out_dir, s.name())
                    .join("ledger.json")
                    .is_file()
            })
            .collect()
    } else {
        chosen(&args.scenario, false)?
    };
    let target = Target::connect(&args.target).await?;
    let mut clean = true;
    for scenario in scenarios {
        clean &= tear_down(&target, scenario, &args.out_dir)
            .await
            .map_err(|e| UsageError(e.to_string()))?;
    }
    Ok(if clean { exit::OK } else { exit::FAILURE })
}

/// `destroy --stale`: every run found by its tags in the scenarios' regions, each torn down when
/// it is older than `--older-than`; exit 0 when every stale run is gone.
async fn sweep_stale(args: &DestroyArgs) -> Result<u8> {
    let target = Target::connect(&args.target).await?;
    let mut regions: Vec<&str> = (Scenario::ALL.into_iter())
        .chain(Scenario::BENCHMARK)
        .flat_map(Scenario::regions)
        .collect();
    regions.sort();
    regions.dedup();
    let config = target.sdk_config_for_region(regions[0]);
    let runs = stackproof_provisioner::stale::runs(&config, &regions)
        .await
        .map_err(|e| anyhow::anyhow!("cannot list stackproof's runs: {e}"))?;
    let now = chrono::Utc::now();
    let threshold = chrono::Duration::from_std(args.older_than).unwrap_or(chrono::Duration::MAX);
    let mut clean = true;
    let mut swept = 0;
    for run in &runs {
        let what = format!(
            "run {} ({})",
            run.suffix,
            run.scenario.as_deref().unwrap_or("scenario unknown")
        );
        let stale = match run.created {
            Some(created) => now - created >= threshold,
            // Made before runs carried their start time: only `--older-than 0s` takes it.
            None => threshold.is_zero(),
        };
        if !stale {
            let age = run.created.map_or(
                "age unknown (no stackproof:created tag; --older-than 0s takes it)".to_string(),
                |c| {
                    format!(
                        "started {} ago",
                        humantime::format_duration((now - c).to_std().unwrap_or_default())
                    )
                },
            );
            eprintln!("{what}: kept, {age}");
            continue;
        }
        swept += 1;
        // Where it has a VPC, and everywhere its scenario builds.
        let mut regions: Vec<&str> = run.regions.iter().map(String::as_str).collect();
        let scenario = run.scenario.as_deref().and_then(Scenario::from_name);
        regions.extend(scenario.map(Scenario::regions).unwrap_or_default());
        regions.sort();
        regions.dedup();
        let teardown = stackproof_provisioner::teardown::destroy_run(
            &config,
            target.s3_force_path_style(),
            &run.suffix,
            &regions,
        );
        let report = with_progress(format!("tearing down {what}"), teardown).await;
        clean &= report_teardown(&what, &report);
    }
    eprintln!(
        "{} runs found, {swept} stale torn down{}",
        runs.len(),
        if clean {
            ""
        } else {
            "; some not cleanly (above)"
        }
    );
    Ok(if clean { exit::OK } else { exit::FAILURE })
}
