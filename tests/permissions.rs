//! The policies `stackproof permissions check|provision --json` print are enough, and exactly
//! what they say: on a moto server enforcing IAM (turned on through its `/moto-api/reset-auth`
//! once the stacks and the users are made), a user holding only the `check` policy checks every
//! environment of every scenario with no error at all; the same policy without one action gives
//! `error` results naming that action, and never a pass the full policy did not give. The
//! `provision` policy lists every request the provisioner sends, and destroys every scenario.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use stackproof::cli::run_cmd::profile_for;
use stackproof::emulator::{Emulator, EmulatorOptions};
use stackproof_checks::engine::lost_verdicts;
use stackproof_checks::result::{CheckResult, Status};
use stackproof_provisioner::permissions::PROVISIONER_OPERATIONS;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{destroy, provision};
use support::fault_proxy::{FaultPlan, FaultProxy};

async fn config(endpoint: &str, key: &str, secret: &str) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new(key, secret, None, None, "test"))
        .load()
        .await
}

/// A user with `policy` inline and an access key: (key id, secret).
async fn user(admin: &SdkConfig, name: &str, policy: &serde_json::Value) -> (String, String) {
    let iam = aws_sdk_iam::Client::new(admin);
    iam.create_user().user_name(name).send().await.unwrap();
    let key = iam
        .create_access_key()
        .user_name(name)
        .send()
        .await
        .unwrap();
    let key = key.access_key().unwrap();
    iam.put_user_policy()
        .user_name(name)
        .policy_name("stackproof")
        .policy_document(policy.to_string())
        .send()
        .await
        .unwrap();
    (
        key.access_key_id().to_string(),
        key.secret_access_key().to_string(),
    )
}

/// One deployed stack to check: an environment of a scenario.
struct Deployed {
    name: String,
    outputs: PathBuf,
    profile: String,
    region: String,
}

fn check_as(
    endpoint: &str,
    (key, secret): &(String, String),
    stack: &Deployed,
    reports: &Path,
) -> (Option<i32>, Vec<CheckResult>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["check", "--endpoint", endpoint])
        .args(["--profile", &stack.profile, "--region", &stack.region])
        .arg("--outputs")
        .arg(&stack.outputs)
        .arg("--report-dir")
        .arg(reports)
        .args(["--format", "json"])
        .env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .output()
        .unwrap();
    let (console, results) = support::console_and_results(&output);
    let results = results.unwrap_or_else(|| panic!("{}: no report:\n{console}", stack.name));
    (output.status.code(), results, console)
}

/// Every environment of every scenario, built as the emulator's admin.
async fn deploy_every_scenario(endpoint: &str, root: &Path) -> Vec<Deployed> {
    let mut deployed = Vec::new();
    for scenario in Scenario::ALL {
        let admin = config(endpoint, "testing", "testing")
            .await
            .to_builder()
            .region(Region::new(scenario.region()))
            .build();
        let options = support::provision_options(root, "iam");
        for environment in provision(&admin, scenario, &options).await.unwrap() {
            let profiles = Path::new("fixtures/profiles");
            deployed.push(Deployed {
                name: format!(
                    "{} {}",
                    scenario.name(),
                    environment.name.as_deref().unwrap_or("")
                ),
                outputs: environment.outputs_file(root, scenario.name()),
                profile: profile_for(scenario.name(), environment.name.as_deref(), profiles),
                region: environment.region.clone(),
            });
        }
    }
    deployed
}

/// A fresh emulator and the SDK configuration of its admin.
async fn emulator() -> (Emulator, SdkConfig) {
    let emulator =
        tokio::task::spawn_blocking(|| Emulator::start(&EmulatorOptions::default()).unwrap())
            .await
            .unwrap();
    let admin = config(emulator.endpoint(), "testing", "testing").await;
    (emulator, admin)
}

/// The policy `stackproof permissions COMMAND --json` prints.
fn printed_policy(command: &str) -> serde_json::Value {
    let printed = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["permissions", command, "--json"])
        .output()
        .unwrap();
    assert!(printed.status.success(), "{printed:?}");
    serde_json::from_slice(&printed.stdout).unwrap()
}

/// From now on, moto checks every request's signature and the caller's IAM policies.
fn enforce_iam(endpoint: &str) {
    let url = format!("{endpoint}/moto-api/reset-auth");
    let answer = ureq::post(&url).send("0").unwrap();
    assert_eq!(answer.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_policy_suffices_and_a_missing_action_is_named() {
    let (emulator, anyone) = emulator().await;
    let endpoint = emulator.endpoint().to_string();
    let dir = tempfile::tempdir().unwrap();
    let stacks = deploy_every_scenario(&endpoint, dir.path()).await;

    let mut policy = printed_policy("check");
    assert!(
        policy["Statement"][0]["Action"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "s3:ListBucket")
    );
    with_emulator_names(&mut policy);
    let checker = user(&anyone, "checker", &policy).await;
    let missing = "ec2:DescribeSecurityGroups";
    let mut short = policy.clone();
    let actions = short["Statement"][0]["Action"].as_array_mut().unwrap();
    actions.retain(|action| action != missing);
    let short_handed = user(&anyone, "short-handed", &short).await;
    enforce_iam(&endpoint);

    for (index, stack) in stacks.iter().enumerate() {
        let reports = dir.path().join(format!("full-{index}"));
        let (exit, full, console) = check_as(&endpoint, &checker, stack, &reports);
        let errors: Vec<&CheckResult> = full.iter().filter(|r| r.status == Status::Error).collect();
        assert!(
            errors.is_empty(),
            "{}: the policy is enough: {errors:#?}\n{console}",
            stack.name
        );
        assert_eq!(exit, Some(0), "{}: {console}", stack.name);
        if !stack.name.starts_with("microservices") {
            continue;
        }
        let (exit, results, console) =
            check_as(&endpoint, &short_handed, stack, &dir.path().join("short"));
        assert_eq!(exit, Some(3), "{console}");
        assert!(
            results
                .iter()
                .any(|r| r.check_id == "INV-002" && r.message.contains(missing)),
            "INV-002 names {missing}:\n{console}"
        );
        let lost = lost_verdicts(&full, &results, missing);
        assert!(lost.is_empty(), "{}", lost.join("\n"));
    }
}

/// Operations of the provisioner's table that the five scenarios on the emulator never send:
/// they answer states the emulator does not reach (a bucket with objects to empty …).
/// None today.
const SENT_ONLY_ON_SOME_PATHS: &[&str] = &[];

/// Every request `provision` and `destroy` send for the five scenarios is in the provisioner's
/// permissions table, and the table lists nothing they never send but the paths named above:
/// the printed `provision` policy can neither fall behind nor grow stale.
#[tokio::test(flavor = "multi_thread")]
async fn the_provision_policy_names_every_request_of_every_scenario() {
    let (emulator, _) = emulator().await;
    let proxy = FaultProxy::start(emulator.endpoint(), FaultPlan::None);
    let through_proxy = config(&proxy.endpoint(), "testing", "testing").await;
    let dir = tempfile::tempdir().unwrap();
    for scenario in Scenario::ALL {
        let options = support::provision_options(dir.path(), "perm");
        provision(&through_proxy, scenario, &options).await.unwrap();
        let teardown = destroy(&through_proxy, scenario.name(), dir.path(), true)
            .await
            .unwrap();
        assert!(
            teardown.failed.is_empty() && teardown.leftovers.is_empty(),
            "{}: {teardown:?}",
            scenario.name()
        );
    }
    // One more run torn down as the janitor does, without its ledger: the sweep adopts what
    // it finds (a cluster's services, a namespace's services), as after a killed run.
    let scenario = Scenario::Microservices;
    let options = support::provision_options(dir.path(), "permjanitor");
    provision(&through_proxy, scenario, &options).await.unwrap();
    let runs = stackproof_provisioner::stale::runs(&through_proxy, &scenario.regions())
        .await
        .unwrap();
    assert!(
        runs.iter().any(|run| run.suffix == "permjanitor"),
        "{runs:?}"
    );
    let janitor = stackproof_provisioner::teardown::destroy_run(
        &through_proxy,
        true,
        "permjanitor",
        &scenario.regions(),
    )
    .await;
    assert!(
        janitor.failed.is_empty() && janitor.leftovers.is_empty(),
        "{janitor:?}"
    );
    let seen = proxy.operations_seen();
    let unlisted: Vec<&String> = seen
        .keys()
        .filter(|op| !PROVISIONER_OPERATIONS.contains(&op.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "sent but missing from provisioner/src/permissions.rs: {unlisted:#?}"
    );
    let unsent: Vec<&str> = PROVISIONER_OPERATIONS
        .iter()
        .copied()
        .filter(|op| !seen.contains_key(*op))
        .collect();
    assert_eq!(
        unsent, SENT_ONLY_ON_SOME_PATHS,
        "listed but never sent: remove them, or name the path that sends them"
    );
}

/// On an emulator enforcing IAM, a user holding only the policy `stackproof permissions
/// provision --json` prints destroys every scenario, leftover scan included, with no request
/// denied: the policy's action names are the ones IAM checks (AWS Backup's deletes aside, which
/// moto's signature check rejects before reading any policy).
///
/// Building under enforcement cannot be tested on moto: in server mode it checks a form body's
/// signature against the body re-encoded from its parsed fields (a space as `+`, where the Rust
/// SDK sends `%20`), so every request carrying a space (a security group's description) fails
/// its signature check whatever the policy. The scenarios are built as the emulator's admin; the
/// test above covers every request building sends.
#[tokio::test(flavor = "multi_thread")]
async fn the_provision_policy_suffices_to_destroy_every_scenario() {
    let (emulator, anyone) = emulator().await;
    let endpoint = emulator.endpoint().to_string();
    let dir = tempfile::tempdir().unwrap();
    // A suffix per scenario: the leftover scan after each teardown looks for its suffix.
    for (index, scenario) in Scenario::ALL.into_iter().enumerate() {
        let options = support::provision_options(dir.path(), &format!("iam{index}"));
        provision(&anyone, scenario, &options).await.unwrap();
    }
    let mut policy = printed_policy("provision");
    with_emulator_names(&mut policy);
    let (key, secret) = user(&anyone, "provisioner", &policy).await;
    enforce_iam(&endpoint);
    let provisioner = config(&endpoint, &key, &secret).await;
    for scenario in Scenario::ALL {
        let teardown = destroy(&provisioner, scenario.name(), dir.path(), true)
            .await
            .unwrap();
        // Known emulator difference: moto's signature check fails AWS Backup's REST deletes
        // (SignatureDoesNotMatch, a 403 before any policy is read).
        let known = |what: &str, why: &str| {
            what.starts_with("backup-") && why.contains("SignatureDoesNotMatch")
        };
        let failed: Vec<&(String, String)> = teardown
            .failed
            .iter()
            .filter(|(what, why)| !known(what, why))
            .collect();
        let leftovers: Vec<&String> = teardown
            .leftovers
            .iter()
            .filter(|left| !teardown.failed.iter().any(|(what, _)| what == *left))
            .collect();
        assert!(
            failed.is_empty() && leftovers.is_empty(),
            "{}: {failed:#?} {leftovers:#?}",
            scenario.name()
        );
        assert!(!teardown.removed.is_empty(), "{}", scenario.name());
    }
}

/// Adds the names moto authorizes some requests under where AWS's differ (the policy stays
/// AWS's; the test user gets both): `s3:HeadBucket` (AWS asks `s3:ListBucket`), and CloudWatch's
/// actions under its endpoint prefix `monitoring:` (AWS: `cloudwatch:`).
fn with_emulator_names(policy: &mut serde_json::Value) {
    let actions = policy["Statement"][0]["Action"].as_array_mut().unwrap();
    let mut moto: Vec<String> = actions
        .iter()
        .filter_map(|action| action.as_str()?.strip_prefix("cloudwatch:"))
        .map(|operation| format!("monitoring:{operation}"))
        .collect();
    if actions.iter().any(|a| a == "s3:ListBucket") {
        moto.push("s3:HeadBucket".into());
    }
    actions.extend(moto.into_iter().map(serde_json::Value::from));
}

/// Issue #38: every request each command of the binary sends is in the policy `stackproof
/// permissions COMMAND --json` prints for it — `check`, `drift --notify-sns` (its `sns:Publish`
/// was in no policy), `destroy` and the janitor `destroy --stale` — counted by a proxy in front
/// of the emulator, so a call made outside the client bundle cannot hide.
#[tokio::test(flavor = "multi_thread")]
async fn every_request_of_each_command_is_in_its_printed_policy() {
    use stackproof_collector::permissions::iam_action;
    let (emulator, admin) = emulator().await;
    let scenario = Scenario::MultiEnvironment;
    let dir = tempfile::tempdir().unwrap();
    let admin = (admin.to_builder())
        .region(Region::new(scenario.region()))
        .build();
    let options = support::provision_options(dir.path(), "pp");
    let environments = provision(&admin, scenario, &options).await.unwrap();
    let file = |index: usize| environments[index].outputs_file(dir.path(), scenario.name());
    let env = |index: usize| {
        let name = environments[index].name.clone().unwrap();
        format!("{name}={}", file(index).display())
    };
    let topic = environments[0].outputs["DriftTopicArn"].clone();
    let out_dir = dir.path().display().to_string();
    let reports = dir.path().join("reports").display().to_string();
    let prod = file(0).display().to_string();
    let region = environments[0].region.clone();
    let (prod_env, staging_env) = (env(0), env(1));
    let commands: [(&str, Vec<&str>); 4] = [
        (
            "check",
            vec![
                "check",
                "--outputs",
                &prod,
                "--region",
                &region,
                "--report-dir",
                &reports,
            ],
        ),
        (
            "drift",
            vec![
                "drift",
                "--env",
                &prod_env,
                "--env",
                &staging_env,
                "--notify-sns",
                &topic,
                "--report-dir",
                &reports,
            ],
        ),
        (
            "provision",
            vec![
                "destroy",
                "--scenario",
                scenario.name(),
                "--out-dir",
                &out_dir,
            ],
        ),
        (
            "provision",
            vec!["destroy", "--stale", "--older-than", "0s"],
        ),
    ];
    let mut missing = Vec::new();
    for (policy, args) in &commands {
        let proxy = FaultProxy::start(emulator.endpoint(), FaultPlan::None);
        let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args(args)
            .args(["--endpoint", &proxy.endpoint()])
            .output()
            .unwrap();
        let console = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {console}"
        );
        let printed = printed_policy(policy);
        let allowed: Vec<&str> = (printed["Statement"][0]["Action"].as_array().unwrap())
            .iter()
            .filter_map(|a| a.as_str())
            .collect();
        let seen = proxy.operations_seen();
        assert!(!seen.is_empty(), "{args:?} sent nothing");
        for operation in seen.keys() {
            if !allowed.contains(&iam_action(operation).as_str()) {
                missing.push(format!(
                    "{args:?} sent {operation}, not in `permissions {policy}`"
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
