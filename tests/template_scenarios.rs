//! Template mode against the deployed stack: each seed scenario as a CloudFormation template
//! (fixtures/templates/), written to describe what the provisioner builds. After the provisioner
//! builds the scenario on the emulator, `check --template` and `check --outputs` agree check by
//! check (each difference listed below with its reason, and each listed one still occurs), and
//! the template ↔ deployed drift is empty.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use stackproof::cli::run_cmd::profile_for;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::{Profile, load_profile};
use stackproof_checks::registry;
use stackproof_checks::result::{CheckResult, Status};
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{destroy, provision};
use support::{collect_outputs, provision_options, shared_target};

/// Checks whose verdicts differ between a template and its deployed stack by nature: where
/// (a scenario, or one environment of it as `scenario/environment`) and why. A difference not
/// listed fails the test, and so does a listed one that no longer occurs.
const EXPLAINED: &[(&[&str], &[&str], &str)] = &[
    (
        &["INV-002"],
        ALL,
        "a template is not collected: no API call to account for",
    ),
    (
        &["INV-003"],
        ALL,
        "judges the template's own resources; a deployed stack has none",
    ),
    (
        &["ECS-020"],
        &[
            "transaction-processing",
            "blue-green",
            "microservices",
            "multi-environment",
        ],
        "the emulator does not return a service's health-check grace period (AWS does)",
    ),
    (
        &["ECS-016"],
        &["analytics-platform", "microservices"],
        "the emulator does not return a service's capacity provider strategy (AWS does)",
    ),
    (
        &["SSM-002"],
        &["multi-environment"],
        "the provisioner writes <env>/db-password as a SecureString, which CloudFormation cannot \
         create (AWS::SSM::Parameter has no SecureString type)",
    ),
    (
        &[
            "ENC-007",
            "ENC-008",
            "KMS-001",
            "KMS-002",
            "KMS-003",
            "OBS-001",
            "OBS-002",
            "OBS-003",
            "SSM-001",
            "STACK-002",
            "STACK-003",
            "STACK-004",
        ],
        &["multi-environment/staging"],
        "staging's outputs name what prod's stack declares (the drift topic and its key, the \
         dashboard, the alarm, the shared settings): judged with staging once deployed, absent \
         from staging's template",
    ),
    (
        &["VPC-021", "VPC-022"],
        &["multi-environment/staging", "multi-environment/dev"],
        "the peering connection is prod's stack's: staging's and dev's templates route over it \
         by parameter, and its state is known only after deploy (skip before, pass after)",
    ),
];

const ALL: &[&str] = &[
    "transaction-processing",
    "analytics-platform",
    "blue-green",
    "multi-environment",
    "microservices",
];

/// Drift keys (globs) that differ by nature, with why.
const DRIFT_EXPLAINED: &[(&str, &str)] = &[(
    "ecs-service/*/launch_type",
    "the emulator reports EC2 for a service on a capacity provider strategy (AWS reports none)",
)];

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn judge_deployed(inventory: &Inventory, profile: &Profile) -> Vec<CheckResult> {
    evaluate(inventory, profile, registry::REGISTRY, &[], today()).results
}

fn judge_template(
    template: &stackproof_template::Template,
    options: &stackproof_template::Options,
    profile: &Profile,
) -> Vec<CheckResult> {
    let judged = stackproof_template::judge(template, options, |inventory| {
        evaluate(inventory, profile, registry::REGISTRY, &[], today())
    });
    judged.evaluation.results
}

/// Check id → how many of its results have each status (the same resources judged the same).
fn verdicts(results: &[CheckResult]) -> BTreeMap<String, BTreeMap<&'static str, usize>> {
    let mut verdicts: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for result in results {
        let statuses = verdicts.entry(result.check_id.clone()).or_default();
        *statuses.entry(result.status.as_str()).or_default() += 1;
    }
    verdicts
}

fn lines(results: &[CheckResult], id: &str) -> String {
    (results.iter())
        .filter(|r| r.check_id == id)
        .map(|r| format!("    {} {}: {}", r.status.as_str(), r.resource, r.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The checks whose verdicts differ, each with both sides' results.
fn differences(template: &[CheckResult], deployed: &[CheckResult]) -> BTreeMap<String, String> {
    let (t, d) = (verdicts(template), verdicts(deployed));
    let ids: BTreeSet<&String> = t.keys().chain(d.keys()).collect();
    ids.into_iter()
        .filter(|id| t.get(*id) != d.get(*id))
        .map(|id| {
            let text = format!(
                "  template:\n{}\n  deployed:\n{}",
                lines(template, id),
                lines(deployed, id)
            );
            (id.clone(), text)
        })
        .collect()
}

/// Whether an EXPLAINED place (`scenario` or `scenario/environment`) covers `place`, and the
/// other way round: a scenario's entry covers each of its environments.
fn applies(listed: &str, place: &str) -> bool {
    listed == place
        || place.starts_with(&format!("{listed}/"))
        || listed.starts_with(&format!("{place}/"))
}

/// multi-environment: what a pipeline passes each environment's stack, as deployed — prod the
/// VPCs it peers with, staging and dev the connection prod's stack made with them.
fn peering_parameters(
    name: &str,
    environments: &[stackproof_provisioner::Environment],
    deployed: &Inventory,
) -> BTreeMap<String, String> {
    let vpc_of = |name: &str| {
        let environment = environments
            .iter()
            .find(|e| e.name.as_deref() == Some(name));
        environment.unwrap().outputs["VpcId"].clone()
    };
    if name == "prod" {
        return BTreeMap::from([
            ("StagingVpcId".to_string(), vpc_of("staging")),
            ("DevVpcId".to_string(), vpc_of("dev")),
        ]);
    }
    let to_prod = (deployed.route_tables.iter())
        .flat_map(|t| &t.routes)
        .find(|r| r.destination_cidr.as_deref() == Some("10.10.0.0/16"))
        .and_then(|r| r.vpc_peering_connection_id.clone())
        .expect("a route to prod over a peering connection");
    BTreeMap::from([("ProdPeeringConnectionId".to_string(), to_prod)])
}

/// Provisions `scenario`, then for each environment compares `check --template` with
/// `check --outputs` and the template with the deployed stack; destroys the scenario.
async fn template_agrees_with_the_deployed_stack(scenario: Scenario, suffix: &str) {
    let target = shared_target().await;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let environments = provision(&config, scenario, &provision_options(root.path(), suffix))
        .await
        .unwrap();
    let path = Path::new("fixtures/templates").join(format!("{}.yaml", scenario.name()));
    let templates = stackproof_template::read(&path).unwrap();
    let profiles = Path::new("fixtures/profiles");
    let mut problems = Vec::new();
    let mut explained_seen = BTreeSet::new();
    for environment in &environments {
        let regional = target.sdk_config_for_region(&environment.region);
        let outputs = environment.outputs_file(root.path(), scenario.name());
        let deployed = collect_outputs(&target, &regional, &outputs).await;
        let profile_name = profile_for(scenario.name(), environment.name.as_deref(), profiles);
        let profile = load_profile(&profile_name, profiles).unwrap();
        let mut parameters =
            BTreeMap::from([("EnvironmentSuffix".to_string(), suffix.to_string())]);
        if let Some(name) = &environment.name {
            parameters.insert("EnvironmentName".into(), name.clone());
            parameters.extend(peering_parameters(name, &environments, &deployed));
        }
        let options = stackproof_template::Options {
            parameters,
            region: Some(environment.region.clone()),
            account: deployed.meta.account.clone(),
            stack_name: None,
        };
        let place = match &environment.name {
            Some(name) => format!("{}/{name}", scenario.name()),
            None => scenario.name().to_string(),
        };

        let before = judge_template(&templates[0], &options, &profile);
        let after = judge_deployed(&deployed, &profile);
        for (id, text) in differences(&before, &after) {
            let explained = EXPLAINED.iter().position(|(checks, places, _)| {
                checks.contains(&id.as_str()) && places.iter().any(|p| applies(p, &place))
            });
            match explained {
                Some(entry) => drop(explained_seen.insert((entry, id))),
                None => problems.push(format!("{place}: {id} differs\n{text}")),
            }
        }

        let drift = stackproof_template::drift(&templates[0], &options, &deployed, &profile);
        // A key matches `before*after`.
        let explained = |result: &CheckResult| {
            DRIFT_EXPLAINED.iter().any(|(glob, _)| {
                let (before, after) = glob.split_once('*').unwrap_or((glob, ""));
                let key = &result.resource.id;
                key.starts_with(before) && key.ends_with(after)
            })
        };
        for result in drift
            .iter()
            .filter(|r| r.status != Status::Pass && !explained(r))
        {
            problems.push(format!(
                "{place}: drift {} {}: {}",
                result.check_id, result.resource, result.message
            ));
        }
    }
    let report = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for (entry, (checks, places, why)) in EXPLAINED.iter().enumerate() {
        for id in *checks {
            let listed = places.iter().any(|p| applies(p, scenario.name()));
            let seen = explained_seen.contains(&(entry, id.to_string()));
            assert!(
                !listed || seen,
                "{}: {id} is listed as differing ({why}) but agrees: update EXPLAINED",
                scenario.name()
            );
        }
    }
}

#[tokio::test]
async fn blue_green_template_agrees_with_the_deployed_stack() {
    template_agrees_with_the_deployed_stack(Scenario::BlueGreen, "tbg1").await;
}

#[tokio::test]
async fn transaction_processing_template_agrees_with_the_deployed_stack() {
    template_agrees_with_the_deployed_stack(Scenario::TransactionProcessing, "ttp1").await;
}

#[tokio::test]
async fn analytics_platform_template_agrees_with_the_deployed_stack() {
    template_agrees_with_the_deployed_stack(Scenario::AnalyticsPlatform, "tap1").await;
}

#[tokio::test]
async fn microservices_template_agrees_with_the_deployed_stack() {
    template_agrees_with_the_deployed_stack(Scenario::Microservices, "tms1").await;
}

#[tokio::test]
async fn multi_environment_templates_agree_with_the_deployed_stacks() {
    template_agrees_with_the_deployed_stack(Scenario::MultiEnvironment, "tme1").await;
}
