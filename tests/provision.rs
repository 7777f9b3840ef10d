//! The provisioner on the emulator: each scenario meets its seed (its own checks pass on it),
//! and teardown leaves nothing, also after a crash midway.

mod support;

use std::path::Path;
use std::time::Instant;

use stackproof::target::Target;
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry;
use stackproof_checks::result::Status;
use stackproof_collector::discovery::{CollectOptions, collect};
use stackproof_collector::outputs::anchors_of;
use stackproof_provisioner::ledger::Ledger;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionError, ProvisionOptions, destroy, provision, scenario_dir};
use support::shared_emulator;

async fn target() -> Target {
    Target::endpoint(shared_emulator().endpoint(), None)
        .await
        .unwrap()
}

fn options(root: &Path, suffix: &str) -> ProvisionOptions {
    ProvisionOptions {
        suffix: suffix.into(),
        root: root.to_path_buf(),
        s3_path_style: true,
        fail_after: None,
    }
}

#[tokio::test]
async fn transaction_processing_meets_its_seed_and_leaves_nothing() {
    let target = target().await;
    let scenario = Scenario::TransactionProcessing;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let outputs = provision(&config, scenario, &options(root.path(), "tp1"))
        .await
        .unwrap();
    let provisioned = started.elapsed();
    for key in [
        "VpcId",
        "PublicSubnetIds",
        "PrivateSubnetIds",
        "AlbDnsName",
        "RdsEndpoint",
        "LogsBucketName",
        "DataBucketName",
    ] {
        assert!(outputs.contains_key(key), "the seed asks for output {key}");
    }
    assert!(
        outputs
            .values()
            .filter(|v| !v.starts_with("vpc-") && !v.starts_with("subnet-"))
            .any(|v| v.contains("tp1")),
        "names carry the suffix"
    );

    // Its own profile passes on it: no fail, no error.
    let outputs_file = scenario_dir(root.path(), scenario.name()).join("flat-outputs.json");
    let (_, anchors) = anchors_of(
        &std::fs::read_to_string(&outputs_file).unwrap(),
        &outputs_file,
    )
    .unwrap();
    let collect_options = CollectOptions {
        s3_path_style: true,
        outputs_file: Some(outputs_file.display().to_string()),
        ..CollectOptions::default()
    };
    let inventory = collect(&config, &anchors, &collect_options).await;
    let profile = load_profile(scenario.name(), Path::new("fixtures/profiles")).unwrap();
    let results = evaluate(
        &inventory,
        &profile,
        registry::REGISTRY,
        &[],
        chrono::Utc::now().date_naive(),
    )
    .results;
    let bad: Vec<String> = results
        .iter()
        .filter(|r| matches!(r.status, Status::Fail | Status::Error))
        .map(|r| {
            format!(
                "{} {} {}: {}",
                r.status.as_str(),
                r.check_id,
                r.resource,
                r.message
            )
        })
        .collect();
    assert!(
        bad.is_empty(),
        "the scenario fails its own profile:\n{}",
        bad.join("\n")
    );
    for id in [
        "VPC-001", "VPC-002", "VPC-003", "VPC-004", "VPC-008", "VPC-009", "VPC-010", "VPC-013",
        "SG-001", "SG-004", "SG-006", "ECS-001", "RDS-002", "RDS-006", "LOGS-002", "S3-001",
        "INV-001",
    ] {
        assert!(
            results
                .iter()
                .any(|r| r.check_id == id && r.status == Status::Pass),
            "{id} did not pass"
        );
    }
    assert_eq!(inventory.db_instances.len(), 2, "one writer and one reader");

    let started = Instant::now();
    let report = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    eprintln!(
        "{}: provisioned {} resources in {provisioned:?}, destroyed in {:?}",
        scenario.name(),
        report.removed.len(),
        started.elapsed()
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(
        report.leftovers.is_empty(),
        "left behind: {:?}",
        report.leftovers
    );
    let again = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(
        again.failed.is_empty() && again.leftovers.is_empty(),
        "destroy is idempotent"
    );
}

#[tokio::test]
async fn an_aborted_provisioning_is_still_destroyed_completely() {
    let target = target().await;
    let scenario = Scenario::TransactionProcessing;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let crashing = ProvisionOptions {
        fail_after: Some(14),
        ..options(root.path(), "crash1")
    };
    let error = provision(&config, scenario, &crashing).await.unwrap_err();
    assert!(matches!(error, ProvisionError::Injected(14)), "{error}");
    let ledger_path = scenario_dir(root.path(), scenario.name()).join("ledger.json");
    assert_eq!(
        Ledger::open(&ledger_path).unwrap().entries().len(),
        14,
        "the ledger holds everything created before the crash"
    );

    let report = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert_eq!(report.removed.len(), 14, "{:?}", report.removed);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(
        report.leftovers.is_empty(),
        "left behind: {:?}",
        report.leftovers
    );
    assert!(Ledger::open(&ledger_path).unwrap().entries().is_empty());
}

#[test]
fn the_main_job_runs_every_scenario_on_its_own_emulator_and_tears_down() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["run", "--all", "--out-dir"])
        .arg(dir.path().join("cfn-outputs"))
        .arg("--report-dir")
        .arg(dir.path().join("reports"))
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stderr.contains("embedded emulator"), "{stderr}");
    for scenario in Scenario::ALL {
        assert!(
            stdout.contains(&format!("with profile {}", scenario.name())),
            "{stdout}"
        );
        let run = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        assert!(run.join(scenario.name()).join("results.json").is_file());
    }
    assert!(stdout.contains("fail 0  error 0"), "{stdout}");
    assert!(stderr.contains("0 left"), "{stderr}");
}
