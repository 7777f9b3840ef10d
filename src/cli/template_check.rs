//! `stackproof check --template`: the checks on a CloudFormation template (or `cdk.out`) before
//! deploy, each stack of it into the same reports a deployed stack gets.

use anyhow::Result;
use stackproof_checks::profile::Profile;
use stackproof_checks::report::StackReport;
use stackproof_checks::waiver::Waiver;
use stackproof_template::{Options, judge};

use super::UsageError;
use super::report_args::ReportArgs;
use super::steps::evaluate::{evaluate_timed, note_profile_file, summary};

/// What `check --template` was asked: the template and how to read it, how to judge it, and
/// where to report.
pub struct TemplateCheck<'a> {
    pub template: &'a std::path::Path,
    pub parameters: &'a [(String, String)],
    pub region: Option<String>,
    pub account_id: Option<String>,
    pub stack_name: Option<String>,
    pub environment_suffix: Option<String>,
    /// The profile as given (a name or a path) and where names are looked up.
    pub profile: &'a str,
    pub profiles_dir: &'a std::path::Path,
    pub report: &'a ReportArgs,
}

pub fn run(args: &TemplateCheck, profile: &Profile, waivers: &[Waiver]) -> Result<u8> {
    let path = args.template;
    let templates =
        stackproof_template::read(path).map_err(|e| UsageError(format!("invalid template {e}")))?;
    let options = Options {
        parameters: args.parameters.iter().cloned().collect(),
        region: args.region.clone(),
        account: args.account_id.clone(),
        stack_name: args.stack_name.clone(),
    };
    let profile_name = profile.name.as_deref().unwrap_or(args.profile);
    let mut stacks = Vec::new();
    for template in &templates {
        for warning in &template.warnings {
            eprintln!("warning: {}: {warning}", template.file.display());
        }
        let started = std::time::Instant::now();
        let judged = judge(template, &options, |inventory| {
            if let Some(suffix) = &args.environment_suffix {
                inventory.meta.environment_suffix = Some(suffix.clone());
            }
            note_profile_file(&mut inventory.meta, args.profile, args.profiles_dir);
            evaluate_timed(inventory, profile, waivers)
        });
        tracing::info!(
            template = %template.file.display(),
            resources = judged.inventory.resource_count(),
            ms = started.elapsed().as_millis(),
            "template judged"
        );
        print!(
            "{}",
            summary(&judged.evaluation, &template.file, profile_name)
        );
        for (kind, ids) in &judged.uncovered {
            println!("  not covered: {kind} ({})", ids.join(", "));
        }
        // The stack's name as `AWS::StackName` has it (--stack-name, else the template's).
        let name = judged.inventory.meta.stack.clone().unwrap_or_default();
        stacks.push(StackReport::new(
            &name,
            profile_name,
            judged.inventory.meta,
            judged.evaluation,
        ));
    }
    let (report, dir) = args.report.write(&args.report.claim_run()?, stacks)?;
    println!("reports: {}", dir.display());
    if report.nothing_verified() {
        eprintln!(
            "nothing verified: every check skipped; {} declares no resource of a kind the checks cover",
            path.display()
        );
    }
    Ok(report.exit_code())
}
