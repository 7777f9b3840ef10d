//! A teardown that could not look is not clean (issue #19): the leftover scan through the fault
//! proxy, with one listing denied, names that listing and exits 3 instead of saying "nothing of
//! the run is left"; what it prints about a failed call is one short line, not the SDK's whole
//! error chain. Once the listing works again, the same destroy is clean.

mod support;

use std::process::Command;

use stackproof_provisioner::provision;
use stackproof_provisioner::scenarios::Scenario;
use support::fault_proxy::{Fault, FaultPlan, FaultProxy};
use support::{provision_options, shared_emulator, shared_target};

#[tokio::test]
async fn a_leftover_scan_that_cannot_list_says_so_and_is_not_clean() {
    let target = shared_target().await;
    let scenario = Scenario::TransactionProcessing;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    provision(&config, scenario, &provision_options(root.path(), "scan1"))
        .await
        .unwrap();
    let destroy = |endpoint: &str| {
        Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args([
                "destroy",
                "--scenario",
                scenario.name(),
                "--endpoint",
                endpoint,
            ])
            .arg("--out-dir")
            .arg(root.path())
            .output()
            .unwrap()
    };

    let proxy = FaultProxy::start(
        shared_emulator().endpoint(),
        FaultPlan::Operation("iam:ListRoles".into(), Fault::Denied),
    );
    let blind = destroy(&proxy.endpoint());
    let console = String::from_utf8_lossy(&blind.stderr).into_owned()
        + &String::from_utf8_lossy(&blind.stdout);
    assert_eq!(blind.status.code(), Some(3), "{console}");
    assert!(!console.contains("nothing of the run is left"), "{console}");
    let unscanned = console
        .lines()
        .find(|l| l.contains("could not scan") && l.contains("iam:ListRoles"))
        .unwrap_or_else(|| panic!("the denied listing is not named:\n{console}"));
    assert!(unscanned.contains("AccessDenied"), "{unscanned}");
    for line in console.lines() {
        assert!(
            line.len() <= 400,
            "a {}-character line:\n{line}",
            line.len()
        );
    }

    let clean = destroy(shared_emulator().endpoint());
    let console = String::from_utf8_lossy(&clean.stderr);
    assert_eq!(clean.status.code(), Some(0), "{console}");
    assert!(console.contains("nothing of the run is left"), "{console}");
}

/// A destroy killed after it deregistered the scalable targets but before it wrote its ledger:
/// the next destroy meets targets that are already gone (Application Auto Scaling answers
/// ObjectNotFoundException, some implementations a ValidationException) and counts them as
/// removed, exiting 0.
#[tokio::test]
async fn scaling_targets_already_deregistered_count_as_gone() {
    use aws_sdk_applicationautoscaling::types::{ScalableDimension, ServiceNamespace};
    let target = shared_target().await;
    let scenario = Scenario::Microservices;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    provision(&config, scenario, &provision_options(root.path(), "scal1"))
        .await
        .unwrap();
    let scaling = aws_sdk_applicationautoscaling::Client::new(&config);
    let targets = scaling
        .describe_scalable_targets()
        .service_namespace(ServiceNamespace::Ecs)
        .send()
        .await
        .unwrap();
    let ours: Vec<String> = targets
        .scalable_targets()
        .iter()
        .map(|t| t.resource_id().to_string())
        .filter(|id| id.contains("scal1"))
        .collect();
    assert!(!ours.is_empty(), "the scenario has scalable targets");
    for resource in &ours {
        scaling
            .deregister_scalable_target()
            .service_namespace(ServiceNamespace::Ecs)
            .resource_id(resource)
            .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
            .send()
            .await
            .unwrap();
    }
    let destroyed = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["destroy", "--scenario", scenario.name()])
        .args(["--endpoint", shared_emulator().endpoint()])
        .arg("--out-dir")
        .arg(root.path())
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&destroyed.stderr);
    assert_eq!(destroyed.status.code(), Some(0), "{console}");
    assert!(console.contains("nothing of the run is left"), "{console}");
}
