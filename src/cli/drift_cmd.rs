//! `stackproof drift`: collect several environments of one stack and report what differs between
//! them beyond what the profile allows (`DRIFT-…` results), optionally publishing a summary to SNS.

use std::path::{Path, PathBuf};

use anyhow::Result;
use stackproof_checks::engine::Evaluation;
use stackproof_checks::profile::load_profile;
use stackproof_checks::report::StackReport;
use stackproof_collector::outputs::Anchor;

use super::UsageError;
use super::report_args::ReportArgs;
use super::steps::args::{ProfilesDir, parse_parameter};
use super::steps::collect::{collect_from, describe_collection};
use super::steps::drift::{drift_stack, drift_summary};
use super::steps::outputs::read_anchors;
use crate::target::{Target, TargetArgs};

#[derive(clap::Args, Debug)]
pub struct DriftArgs {
    /// An environment as NAME=OUTPUTS_FILE (repeat for each; the first is the reference)
    #[arg(long = "env", value_name = "NAME=FILE", required_unless_present = "template", value_parser = parse_env)]
    environments: Vec<(String, PathBuf)>,
    /// Template ↔ deployed instead: the CloudFormation template (or single-stack `cdk.out`) the
    /// stack of --outputs was deployed from; every attribute it declares is compared with the
    /// deployed one (docs/template-mode.md)
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "environments",
        requires = "outputs"
    )]
    template: Option<PathBuf>,
    /// With --template: the deployed stack's outputs file
    #[arg(long, value_name = "FILE", requires = "template")]
    outputs: Option<PathBuf>,
    /// With --template: a parameter's value as deployed, KEY=VALUE; repeatable
    #[arg(long = "parameter", value_name = "KEY=VALUE", requires = "template", value_parser = parse_parameter)]
    parameters: Vec<(String, String)>,
    /// Profile whose `[drift] allowed` lists the differences that are by design
    #[arg(long, default_value = "baseline")]
    profile: String,
    #[command(flatten)]
    profiles: ProfilesDir,
    /// Publish a summary of the comparison to this SNS topic
    #[arg(long, value_name = "TOPIC_ARN")]
    notify_sns: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    target: TargetArgs,
}

fn parse_env(text: &str) -> Result<(String, PathBuf), String> {
    let (name, file) = text
        .split_once('=')
        .filter(|(name, file)| !name.is_empty() && !file.is_empty())
        .ok_or_else(|| format!("`{text}` is not NAME=OUTPUTS_FILE"))?;
    Ok((name.to_string(), PathBuf::from(file)))
}

pub async fn run(args: DriftArgs) -> Result<u8> {
    if let (Some(template), Some(outputs)) = (&args.template, &args.outputs) {
        return template_drift(&args, template, outputs).await;
    }
    if args.environments.len() < 2 {
        return Err(
            UsageError("drift compares at least two environments (--env twice)".into()).into(),
        );
    }
    let profile =
        load_profile(&args.profile, &args.profiles.dir).map_err(|e| UsageError(e.to_string()))?;
    let anchors: Vec<Vec<Anchor>> = args
        .environments
        .iter()
        .map(|(_, file)| read_anchors(file))
        .collect::<Result<_>>()?;
    let target = Target::connect(&args.target).await?;
    let mut inventories = Vec::new();
    for ((name, file), anchors) in args.environments.iter().zip(&anchors) {
        let config = match region_of(anchors) {
            Some(region) => target.sdk_config_for_region(&region),
            None => target.sdk_config().clone(),
        };
        let inventory = collect_from(&target, &config, anchors, file, 8, Vec::new()).await;
        eprintln!(
            "{name}: {}",
            describe_collection(&inventory)
                .lines()
                .next()
                .unwrap_or_default()
        );
        inventories.push((name.clone(), inventory));
    }
    let stack = drift_stack(&inventories, &profile, &args.profile);
    let summary = drift_summary(&stack.results);
    print!("{summary}");
    if let Some(topic) = &args.notify_sns {
        let config = target.sdk_config_for_region(
            topic
                .split(':')
                .nth(3)
                .filter(|r| !r.is_empty())
                .unwrap_or("us-east-1"),
        );
        match stackproof_collector::services::sns::publish(
            &config,
            topic,
            "stackproof drift",
            &summary,
        )
        .await
        {
            Ok(id) => eprintln!("drift summary published to {topic} (message {id})"),
            Err(error) => {
                eprintln!(
                    "could not publish to {topic}: {} failed: {}",
                    error.operation, error.message
                );
                return Ok(super::exit::FAILURE);
            }
        }
    }
    let (report, dir) = args.report.write(&args.report.claim_run()?, vec![stack])?;
    println!("reports: {}", dir.display());
    Ok(report.exit_code())
}

/// `drift --template T --outputs F`: the template's two readings against the stack collected
/// from F.
async fn template_drift(args: &DriftArgs, template: &Path, outputs: &Path) -> Result<u8> {
    let profile =
        load_profile(&args.profile, &args.profiles.dir).map_err(|e| UsageError(e.to_string()))?;
    let mut templates = stackproof_template::read(template)
        .map_err(|e| UsageError(format!("invalid template {e}")))?;
    if templates.len() != 1 {
        return Err(UsageError(format!(
            "{} holds {} stacks: name one stack's template file",
            template.display(),
            templates.len()
        ))
        .into());
    }
    let template = templates.remove(0);
    let anchors = read_anchors(outputs)?;
    let target = Target::connect(&args.target).await?;
    let config = match region_of(&anchors) {
        Some(region) => target.sdk_config_for_region(&region),
        None => target.sdk_config().clone(),
    };
    let deployed = collect_from(&target, &config, &anchors, outputs, 8, Vec::new()).await;
    eprintln!(
        "deployed: {}",
        describe_collection(&deployed)
            .lines()
            .next()
            .unwrap_or_default()
    );
    let options = stackproof_template::Options {
        parameters: args.parameters.iter().cloned().collect(),
        region: deployed
            .meta
            .region
            .clone()
            .or_else(|| args.target.region.clone()),
        account: deployed.meta.account.clone(),
        stack_name: None,
    };
    let results = stackproof_template::drift(&template, &options, &deployed, &profile);
    print!("{}", drift_summary(&results));
    let stack = StackReport::new(
        &format!("drift: {} vs deployed", template.file.display()),
        &args.profile,
        deployed.meta.clone(),
        Evaluation {
            results,
            ..Evaluation::default()
        },
    );
    let (report, dir) = args.report.write(&args.report.claim_run()?, vec![stack])?;
    println!("reports: {}", dir.display());
    Ok(report.exit_code())
}

/// The region most of the outputs' ARNs and DNS names name.
fn region_of(anchors: &[Anchor]) -> Option<String> {
    let mut counts = std::collections::BTreeMap::new();
    for region in anchors.iter().filter_map(|a| a.region.as_deref()) {
        *counts.entry(region.to_string()).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(region, _)| region)
}
