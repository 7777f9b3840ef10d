//! The provisioner on the emulator: each scenario meets its seed (its own checks pass on it),
//! and teardown leaves nothing, also after a crash midway.

mod support;

use std::path::Path;
use std::time::Instant;

use stackproof::cli::run_cmd::profile_for;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry;
use stackproof_checks::result::{Status, fails_and_errors};
use stackproof_provisioner::ledger::Ledger;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{ProvisionError, ProvisionOptions, destroy, provision, scenario_dir};
use support::{collect_outputs, provision_options, shared_target};

/// Provisions `scenario`, checks its outputs keys, collects it, evaluates it against its own
/// profile (no fail, no error; `must_pass` pass), destroys it and proves nothing is left.
async fn meets_its_seed_and_leaves_nothing(
    scenario: Scenario,
    suffix: &str,
    output_keys: &[&str],
    must_pass: &[&str],
) -> Inventory {
    let target = shared_target().await;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let environments = provision(&config, scenario, &provision_options(root.path(), suffix))
        .await
        .unwrap();
    let provisioned = started.elapsed();
    let outputs = &environments[0].outputs;
    for key in output_keys {
        assert!(
            outputs.contains_key(*key),
            "{}: the seed asks for output {key}",
            scenario.name()
        );
    }
    assert!(
        outputs.values().any(|v| v.contains(suffix)),
        "names carry the suffix"
    );

    let outputs_file = environments[0].outputs_file(root.path(), scenario.name());
    let inventory = collect_outputs(&target, &config, &outputs_file).await;
    let profile = load_profile(scenario.name(), Path::new("fixtures/profiles")).unwrap();
    let results = evaluate(
        &inventory,
        &profile,
        registry::REGISTRY,
        &[],
        chrono::Utc::now().date_naive(),
    )
    .results;
    let bad = fails_and_errors(&results);
    assert!(
        bad.is_empty(),
        "{} fails its own profile:\n{}",
        scenario.name(),
        bad.join("\n")
    );
    for id in must_pass {
        assert!(
            results
                .iter()
                .any(|r| r.check_id == *id && r.status == Status::Pass),
            "{}: {id} did not pass",
            scenario.name()
        );
    }

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
        report.leftovers.is_empty() && report.unscanned.is_empty(),
        "left behind: {:?}, not scanned: {:?}",
        report.leftovers,
        report.unscanned
    );
    let again = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(
        again.failed.is_empty() && again.leftovers.is_empty() && again.unscanned.is_empty(),
        "destroy is idempotent"
    );
    inventory
}

#[tokio::test]
async fn transaction_processing_meets_its_seed_and_leaves_nothing() {
    let inventory = meets_its_seed_and_leaves_nothing(
        Scenario::TransactionProcessing,
        "tp1",
        &[
            "VpcId",
            "PublicSubnetIds",
            "PrivateSubnetIds",
            "AlbDnsName",
            "RdsEndpoint",
            "LogsBucketName",
            "DataBucketName",
        ],
        &[
            "VPC-001", "VPC-002", "VPC-003", "VPC-004", "VPC-008", "VPC-009", "VPC-010", "VPC-013",
            "SG-001", "SG-004", "SG-006", "ECS-001", "RDS-002", "RDS-006", "LOGS-002", "S3-001",
            "INV-001",
        ],
    )
    .await;
    assert_eq!(inventory.db_instances.len(), 2, "one writer and one reader");
}

#[tokio::test]
async fn analytics_platform_meets_its_seed_and_leaves_nothing() {
    let inventory = meets_its_seed_and_leaves_nothing(
        Scenario::AnalyticsPlatform,
        "ap1",
        &[
            "VpcId",
            "AuroraEndpoint",
            "KmsKeyArn",
            "RawBucketName",
            "ProcessedBucketName",
            "EcsClusterName",
            "TaskRoleArn",
            "IngestStreamArn",
            "BackupPlanId",
        ],
        &[
            "VPC-002", "VPC-008", "VPC-009", "VPC-010", "VPC-011", "VPC-012", "ENC-004", "ENC-005",
            "RDS-001", "LOGS-002", "S3-003", "S3-004", "SG-004",
        ],
    )
    .await;
    let cluster = &inventory.db_clusters[0];
    assert_eq!(
        (cluster.serverless_v2_min_acu, cluster.serverless_v2_max_acu),
        (Some(0.5), Some(4.0))
    );
    let definition = &inventory.task_definitions[0];
    assert_eq!(
        (definition.cpu.as_deref(), definition.memory.as_deref()),
        (Some("2048"), Some("4096")),
        "at least 2 vCPU and 4 GB"
    );
    assert_eq!(
        inventory.ecs_clusters[0].capacity_providers,
        ["FARGATE_SPOT"]
    );
    assert!(inventory.nat_gateways.is_empty());
}

#[tokio::test]
async fn an_aborted_provisioning_is_still_destroyed_completely() {
    let target = shared_target().await;
    let scenario = Scenario::TransactionProcessing;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let crashing = ProvisionOptions {
        fail_after: Some(14),
        stop: None,
        ..provision_options(root.path(), "crash1")
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
        report.leftovers.is_empty() && report.unscanned.is_empty(),
        "left behind: {:?}, not scanned: {:?}",
        report.leftovers,
        report.unscanned
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
    let run = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for file in stackproof_checks::report::report_files() {
        assert!(run.join(file).is_file(), "no {file} in {}", run.display());
    }
    let report: stackproof_checks::report::RunReport =
        serde_json::from_str(&std::fs::read_to_string(run.join("report.json")).unwrap()).unwrap();
    for scenario in Scenario::ALL {
        assert!(
            stdout.contains(&format!("with profile {}", scenario.name())),
            "{stdout}"
        );
        let inventories = [
            run.join(scenario.name()).join("inventory.json"),
            run.join(scenario.name())
                .join("prod")
                .join("inventory.json"),
        ];
        assert!(
            inventories.iter().any(|r| r.is_file()),
            "no inventory for {}",
            scenario.name()
        );
        assert!(
            report
                .stacks
                .iter()
                .any(|s| s.name.starts_with(scenario.name())),
            "{} is not in the report",
            scenario.name()
        );
    }
    assert_eq!(
        report.stacks.len(),
        8,
        "five scenarios, three environments in one, and their drift comparison"
    );
    assert!(
        report
            .stacks
            .iter()
            .any(|s| s.name == "multi-environment/drift: prod vs staging vs dev"),
        "the environments of 003 are compared"
    );
    assert_eq!(report.exit_code(), 0);
    assert!(stdout.contains("fail 0  error 0"), "{stdout}");
    assert!(stderr.contains("nothing of the run is left"), "{stderr}");
    // Auditors read words, never Rust's Debug text.
    for (stack, result) in report.results() {
        if let Some(text) = stackproof_checks::words::debug_text(result) {
            panic!(
                "{} {} {}: Debug text in {text:?}",
                stack.name, result.check_id, result.resource
            );
        }
    }
}

#[tokio::test]
async fn blue_green_meets_its_seed_and_leaves_nothing() {
    let inventory = meets_its_seed_and_leaves_nothing(
        Scenario::BlueGreen,
        "bg1",
        &["LoadBalancerDNS", "DatabaseEndpoint"],
        &[
            "VPC-002", "VPC-003", "VPC-004", "VPC-005", "VPC-008", "LOGS-002", "RDS-001",
            "RDS-004", "SG-004",
        ],
    )
    .await;
    let weights: Vec<i32> = inventory.listeners[0].default_actions[0]
        .forward
        .iter()
        .map(|t| t.weight)
        .collect();
    assert_eq!(weights, [80, 20], "blue/green split");
    assert!(
        inventory
            .target_groups
            .iter()
            .all(|t| t.health_check.interval_seconds == Some(30))
    );
    let lb = &inventory.load_balancers[0];
    assert_eq!(
        (lb.scheme.as_str(), lb.ip_address_type.as_str()),
        ("internet-facing", "ipv4")
    );
    assert_eq!(inventory.db_instances.len(), 2);
    let zones: std::collections::BTreeSet<_> = inventory
        .db_instances
        .iter()
        .filter_map(|i| i.availability_zone.clone())
        .collect();
    assert_eq!(zones.len(), 2, "instances in different zones");
    let body = inventory.dashboards[0].body.as_ref().unwrap().to_string();
    assert!(
        body.contains("RunningTaskCount") && body.contains("DatabaseConnections"),
        "{body}"
    );
    let definition = &inventory.task_definitions[0];
    assert_eq!(
        (definition.cpu.as_deref(), definition.memory.as_deref()),
        (Some("2048"), Some("4096"))
    );
}

#[tokio::test]
async fn microservices_meets_its_seed_and_leaves_nothing() {
    let inventory = meets_its_seed_and_leaves_nothing(
        Scenario::Microservices,
        "ms1",
        &[
            "AlbDnsName",
            "FrontendServiceArn",
            "ApiGatewayServiceArn",
            "ProcessingServiceServiceArn",
            "EcsClusterName",
            "EcsClusterArn",
            "VpcId",
            "PublicSubnetIds",
            "PrivateSubnetIds",
            "FrontendRepositoryUrl",
        ],
        &[
            "VPC-002", "VPC-003", "VPC-004", "VPC-013", "SG-001", "SG-005", "ENC-006", "LOGS-002",
            "IAM-004", "IAM-007",
        ],
    )
    .await;
    let sizes: std::collections::BTreeMap<&str, (Option<&str>, Option<&str>)> = inventory
        .task_definitions
        .iter()
        .map(|d| {
            (
                d.containers[0].name.as_str(),
                (d.cpu.as_deref(), d.memory.as_deref()),
            )
        })
        .collect();
    assert_eq!(sizes["frontend"], (Some("512"), Some("1024")));
    assert_eq!(sizes["api-gateway"], (Some("1024"), Some("2048")));
    assert_eq!(sizes["processing-service"], (Some("2048"), Some("4096")));
    assert_eq!(inventory.ecr_repositories.len(), 3);
    assert!(
        inventory
            .ecr_repositories
            .iter()
            .all(|r| r.tag_mutability == "IMMUTABLE"
                && r.scan_on_push
                && r.lifecycle_policy.is_some())
    );
    assert_eq!(
        inventory.ecs_clusters[0].capacity_providers,
        ["FARGATE", "FARGATE_SPOT"]
    );
    assert_eq!(inventory.scalable_targets.len(), 3);
    assert!(
        inventory
            .scalable_targets
            .iter()
            .all(|t| (t.min_capacity, t.max_capacity) == (Some(2), Some(10)))
    );
    assert!(
        inventory.meta.repeated_requests.is_empty(),
        "no request is sent twice: {:?}",
        inventory.meta.repeated_requests
    );
    assert_eq!(inventory.scaling_policies.len(), 3);
    assert_eq!(inventory.cloud_map_services.len(), 3);
    assert_eq!(
        inventory.ecs_services.len(),
        3,
        "a cluster named by name and ARN is described once"
    );
    assert!(
        inventory
            .ecs_services
            .iter()
            .all(|s| s.registry_arns.len() == 1),
        "services register in Cloud Map"
    );
    let protocols: std::collections::BTreeSet<&str> = inventory
        .listeners
        .iter()
        .map(|l| l.protocol.as_str())
        .collect();
    assert_eq!(protocols, ["HTTP", "HTTPS"].into_iter().collect());
    assert!(
        inventory
            .task_definitions
            .iter()
            .all(|d| d.containers[0].secrets.len() == 2 && !d.containers[0].environment.is_empty())
    );
    assert_eq!(
        inventory.load_balancers[0]
            .attributes
            .get("load_balancing.cross_zone.enabled")
            .map(String::as_str),
        Some("true")
    );
}

#[tokio::test]
async fn multi_environment_builds_three_sized_environments_and_leaves_nothing() {
    let target = shared_target().await;
    let scenario = Scenario::MultiEnvironment;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let environments = provision(&config, scenario, &provision_options(root.path(), "me1"))
        .await
        .unwrap();
    let names: Vec<(&str, &str)> = environments
        .iter()
        .map(|e| (e.name.as_deref().unwrap_or("-"), e.region.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("prod", "us-east-1"),
            ("staging", "us-east-1"),
            ("dev", "us-east-2")
        ]
    );
    let profiles = Path::new("fixtures/profiles");
    let mut shared_keys = Vec::new();
    for (environment, (instances, tag)) in
        environments
            .iter()
            .zip([(3, "v1.4.2"), (2, "staging-20261122"), (1, "latest")])
    {
        let file = environment.outputs_file(root.path(), scenario.name());
        assert!(file.ends_with(format!(
            "multi-environment/{}/flat-outputs.json",
            environment.name.as_deref().unwrap()
        )));
        let regional = target.sdk_config_for_region(&environment.region);
        let inventory = collect_outputs(&target, &regional, &file).await;
        let name = profile_for(scenario.name(), environment.name.as_deref(), profiles);
        assert_eq!(
            name,
            format!(
                "{}-{}",
                scenario.name(),
                environment.name.as_deref().unwrap()
            )
        );
        let profile = load_profile(&name, profiles).unwrap();
        let results = evaluate(
            &inventory,
            &profile,
            registry::REGISTRY,
            &[],
            chrono::Utc::now().date_naive(),
        )
        .results;
        let bad = fails_and_errors(&results);
        assert!(
            bad.is_empty(),
            "{:?} fails its profile:\n{}",
            environment.name,
            bad.join("\n")
        );
        assert_eq!(
            inventory.db_instances.len(),
            instances,
            "{:?}: Aurora instance count",
            environment.name
        );
        assert!(
            inventory.task_definitions[0].containers[0]
                .image
                .ends_with(&format!(":{tag}")),
            "image tag policy"
        );
        let shared: Vec<String> = inventory
            .ssm_parameters
            .iter()
            .filter(|p| p.name.contains("/shared/"))
            .map(|p| p.name.clone())
            .collect();
        shared_keys.push(shared);
        if environment.region == "us-east-1" {
            assert!(
                inventory.vpc_peerings.iter().any(|p| p.status == "active"),
                "prod and staging are peered"
            );
            assert!(inventory.sns_topics[0].kms_master_key_id.is_some());
            assert_eq!(inventory.dashboards.len(), 1);
        }
    }
    assert_eq!(
        shared_keys[0], shared_keys[2],
        "shared settings are the same in every environment"
    );
    assert!(!shared_keys[0].is_empty());

    let report = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(
        report.leftovers.is_empty() && report.unscanned.is_empty(),
        "left behind: {:?}, not scanned: {:?}",
        report.leftovers,
        report.unscanned
    );
}

/// The HTTPS listener's certificate works in any account: a DNS-validated request for a test
/// domain never validates on AWS (and the listener could not be created), so the provisioner
/// generates a self-signed certificate and imports it: ACM holds it IMPORTED and ISSUED.
#[tokio::test]
async fn the_certificate_is_imported_and_issued_in_any_account() {
    let target = shared_target().await;
    let scenario = Scenario::Microservices;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    provision(&config, scenario, &provision_options(root.path(), "cert1"))
        .await
        .unwrap();
    let acm = aws_sdk_acm::Client::new(&config);
    // ListCertificates leaves out ECDSA certificates unless asked (AWS's default, the
    // emulator's too): ask for every key type, as the leftover scan does.
    let listed = acm
        .list_certificates()
        .includes(
            aws_sdk_acm::types::Filters::builder()
                .key_types(aws_sdk_acm::types::KeyAlgorithm::EcPrime256v1)
                .key_types(aws_sdk_acm::types::KeyAlgorithm::Rsa2048)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let arn = listed
        .certificate_summary_list()
        .iter()
        .find(|c| c.domain_name().is_some_and(|d| d.contains("cert1")))
        .and_then(|c| c.certificate_arn())
        .expect("the scenario's certificate")
        .to_string();
    let described = acm
        .describe_certificate()
        .certificate_arn(&arn)
        .send()
        .await
        .unwrap();
    let certificate = described.certificate().unwrap();
    assert_eq!(
        certificate.r#type(),
        Some(&aws_sdk_acm::types::CertificateType::Imported)
    );
    assert_eq!(
        certificate.status(),
        Some(&aws_sdk_acm::types::CertificateStatus::Issued)
    );
    let report = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
}
