//! The policy `stackproof permissions check --json` prints is enough, and exactly what it says:
//! on a moto server enforcing IAM (turned on through its `/moto-api/reset-auth` once the stack
//! and the users are made), a user holding only that policy checks a scenario with no error at
//! all; the same policy without one action gives `error` results naming that action, and never a
//! pass the full policy did not give.

mod support;

use std::path::Path;
use std::process::Command;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use stackproof::emulator::{Emulator, EmulatorOptions};
use stackproof_checks::engine::lost_verdicts;
use stackproof_checks::result::{CheckResult, Status};
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionOptions, provision};

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

fn check_as(
    endpoint: &str,
    (key, secret): &(String, String),
    outputs: &Path,
    reports: &Path,
) -> (Option<i32>, Vec<CheckResult>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args([
            "check",
            "--endpoint",
            endpoint,
            "--profile",
            "microservices",
        ])
        .arg("--outputs")
        .arg(outputs)
        .arg("--report-dir")
        .arg(reports)
        .args(["--format", "json"])
        .env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .output()
        .unwrap();
    let (console, results) = support::console_and_results(&output);
    let results = results.unwrap_or_else(|| panic!("no report:\n{console}"));
    (output.status.code(), results, console)
}

/// From now on, moto checks every request's signature and the caller's IAM policies.
fn enforce_iam(endpoint: &str) {
    let url = format!("{endpoint}/moto-api/reset-auth");
    let answer = ureq::post(&url).send("0").unwrap();
    assert_eq!(answer.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_policy_suffices_and_a_missing_action_is_named() {
    let emulator =
        tokio::task::spawn_blocking(|| Emulator::start(&EmulatorOptions::default()).unwrap())
            .await
            .unwrap();
    let endpoint = emulator.endpoint().to_string();
    let anyone = config(&endpoint, "testing", "testing").await;
    let dir = tempfile::tempdir().unwrap();
    let scenario = Scenario::Microservices;
    let options = ProvisionOptions {
        suffix: "iam".into(),
        root: dir.path().to_path_buf(),
        s3_path_style: true,
        fail_after: None,
        stop: None,
    };
    let environments = provision(&anyone, scenario, &options).await.unwrap();
    let outputs = environments[0].outputs_file(dir.path(), scenario.name());

    let printed = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["permissions", "check", "--json"])
        .output()
        .unwrap();
    let mut policy: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    // Known emulator difference: moto authorizes HeadBucket as `s3:HeadBucket`, an action AWS
    // does not have (AWS asks `s3:ListBucket`, which the printed policy holds). The test adds
    // moto's name; the policy stays AWS's.
    let actions = policy["Statement"][0]["Action"].as_array_mut().unwrap();
    assert!(actions.iter().any(|a| a == "s3:ListBucket"));
    actions.push("s3:HeadBucket".into());
    let checker = user(&anyone, "checker", &policy).await;
    let missing = "ec2:DescribeSecurityGroups";
    let mut short = policy.clone();
    let actions = short["Statement"][0]["Action"].as_array_mut().unwrap();
    actions.retain(|action| action != missing);
    let short_handed = user(&anyone, "short-handed", &short).await;
    enforce_iam(&endpoint);

    let (exit, full, console) = check_as(&endpoint, &checker, &outputs, &dir.path().join("full"));
    let errors: Vec<&CheckResult> = full.iter().filter(|r| r.status == Status::Error).collect();
    assert!(
        errors.is_empty(),
        "the policy is enough: {errors:#?}\n{console}"
    );
    assert_eq!(exit, Some(0), "{console}");

    let (exit, results, console) = check_as(
        &endpoint,
        &short_handed,
        &outputs,
        &dir.path().join("short"),
    );
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
