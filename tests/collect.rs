//! Live collection against a real moto server through the real SDK: a small stack built with the
//! SDK, its flat outputs (DNS names and names where real stacks use them), collected and checked.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use stackproof::target::Target;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry;
use stackproof_checks::result::Status;
use support::fault_proxy::{Fault, FaultPlan, FaultProxy};
use support::{shared_emulator, shared_target, small_stack};

fn write_outputs(dir: &Path, outputs: &impl serde::Serialize) -> std::path::PathBuf {
    let path = dir.join("flat-outputs.json");
    std::fs::write(&path, serde_json::to_string_pretty(outputs).unwrap()).unwrap();
    path
}

async fn collect_file(target: &Target, path: &Path) -> Inventory {
    support::collect_outputs(target, target.sdk_config(), path).await
}

#[tokio::test]
async fn collects_every_resource_and_its_key_attributes() {
    let target = shared_target().await;
    let stack = small_stack::build(target.sdk_config(), "c1").await;
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&target, &write_outputs(dir.path(), &stack.outputs)).await;

    assert!(
        inventory.missing.is_empty(),
        "missing: {:?}",
        inventory.missing
    );
    assert_eq!(inventory.meta.account.as_deref(), Some("123456789012"));
    // Network.
    let vpc = inventory
        .vpcs
        .iter()
        .find(|v| v.id == stack.vpc)
        .expect("vpc");
    assert_eq!(vpc.cidr_block, "10.0.0.0/16");
    assert_eq!(inventory.subnets.len(), 4);
    for id in &stack.public_subnets {
        assert_eq!(
            inventory
                .subnets
                .iter()
                .find(|s| &s.id == id)
                .unwrap()
                .declared_tier
                .as_deref(),
            Some("public")
        );
    }
    assert!(inventory.route_tables.iter().any(|t| {
        t.routes
            .iter()
            .any(|r| r.nat_gateway_id.as_deref() == Some(stack.nat.as_str()))
    }));
    assert_eq!(inventory.internet_gateways.len(), 1);
    assert_eq!(
        inventory
            .nat_gateways
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>(),
        [stack.nat.as_str()]
    );
    assert!(
        inventory
            .vpc_endpoints
            .iter()
            .any(|e| e.id == stack.endpoint
                && e.short_service() == "s3"
                && !e.route_table_ids.is_empty())
    );
    let db_group = inventory
        .security_groups
        .iter()
        .find(|g| g.id == stack.db_group)
        .expect("db group");
    assert_eq!(
        db_group.ingress[0].group_id.as_deref(),
        Some(stack.app_group.as_str())
    );
    assert_eq!(
        db_group.ingress[0].description.as_deref(),
        Some("postgres from the app")
    );
    assert!(
        inventory
            .security_groups
            .iter()
            .any(|g| g.name == "default"),
        "the VPC's default group is collected"
    );
    // Compute.
    let cluster = inventory
        .ecs_clusters
        .iter()
        .find(|c| c.name == stack.cluster)
        .expect("cluster");
    assert!(!cluster.arn.is_empty());
    let service = inventory
        .ecs_services
        .iter()
        .find(|s| s.name == stack.service)
        .expect("service");
    assert_eq!(
        service.security_group_ids,
        std::slice::from_ref(&stack.app_group)
    );
    assert_eq!(service.desired_count, 2);
    assert_eq!(service.target_group_arns.len(), 1);
    // moto does not model health-check grace periods; they are asserted against real AWS only.
    let definition = &inventory.task_definitions[0];
    assert_eq!(definition.cpu_architecture.as_deref(), Some("ARM64"));
    assert_eq!(
        (definition.cpu.as_deref(), definition.memory.as_deref()),
        (Some("512"), Some("1024"))
    );
    let container = &definition.containers[0];
    assert_eq!(
        container.log_options.get("awslogs-group"),
        Some(&stack.log_group)
    );
    assert!(container.secrets.contains_key("DB_PASSWORD"));
    // Edge.
    let lb = inventory
        .load_balancers
        .iter()
        .find(|lb| lb.dns_name == stack.load_balancer_dns)
        .expect("load balancer by DNS name");
    assert_eq!(
        lb.security_group_ids,
        std::slice::from_ref(&stack.alb_group)
    );
    assert_eq!(inventory.listeners.len(), 1);
    assert_eq!(inventory.listeners[0].default_actions[0].forward.len(), 1);
    assert_eq!(
        inventory.target_groups[0].health_check.interval_seconds,
        Some(30)
    );
    // Data.
    let db = inventory
        .db_clusters
        .iter()
        .find(|c| c.id == stack.db_cluster)
        .expect("aurora cluster by endpoint");
    assert!(db.storage_encrypted);
    assert_eq!(db.backup_retention_days, Some(7));
    assert_eq!(db.security_group_ids, std::slice::from_ref(&stack.db_group));
    assert_eq!(db.subnet_ids.len(), 2);
    assert_eq!(inventory.db_instances.len(), 1);
    assert_eq!(inventory.db_instances[0].instance_class, "db.r6g.large");
    let bucket = inventory
        .buckets
        .iter()
        .find(|b| b.name == stack.bucket)
        .expect("bucket");
    assert_eq!(
        bucket.encryption.as_ref().map(|e| e.algorithm.as_str()),
        Some("aws:kms")
    );
    assert_eq!(bucket.versioning.as_deref(), Some("Enabled"), "{bucket:?}");
    assert!(
        bucket
            .public_access_block
            .as_ref()
            .is_some_and(|p| p.all_blocked())
    );
    assert!(bucket.errors.is_empty(), "{:?}", bucket.errors);
    // Identity, logs, keys, secrets, topics.
    let task_role = inventory
        .roles
        .iter()
        .find(|r| r.name == stack.task_role)
        .expect("task role from outputs");
    assert!(
        task_role
            .trust_policy
            .as_ref()
            .unwrap()
            .to_string()
            .contains("ecs-tasks.amazonaws.com")
    );
    assert_eq!(
        task_role.inline_policies[0].document["Statement"][0]["Action"][0],
        "s3:GetObject"
    );
    let execution = inventory
        .roles
        .iter()
        .find(|r| r.name == stack.execution_role)
        .expect("execution role from the task definition");
    assert!(
        execution.attached_policies[0].document.is_some(),
        "managed policy document read"
    );
    let group = inventory
        .log_groups
        .iter()
        .find(|g| g.name == stack.log_group)
        .expect("log group");
    assert_eq!(group.retention_days, Some(30));
    let key = inventory
        .kms_keys
        .iter()
        .find(|k| k.id == stack.key_id)
        .expect("key");
    assert_eq!(
        (key.key_manager.as_str(), key.rotation_enabled),
        ("CUSTOMER", Some(true))
    );
    assert!(key.aliases.iter().any(|a| a == "alias/stack-c1"));
    let secret = inventory
        .secrets
        .iter()
        .find(|s| s.arn == stack.secret_arn)
        .expect("secret from the container's valueFrom");
    assert!(secret.kms_key_id.is_some());
    let topic = inventory
        .sns_topics
        .iter()
        .find(|t| t.arn == stack.topic_arn)
        .expect("topic");
    assert_eq!(topic.kms_master_key_id.as_deref(), Some("alias/stack-c1"));
    // Platform: registry, service discovery, scaling, parameters, dashboards, alarms.
    let repository = inventory
        .ecr_repositories
        .iter()
        .find(|r| r.name == stack.repository)
        .expect("repository from the task's image");
    assert_eq!(
        (repository.tag_mutability.as_str(), repository.scan_on_push),
        ("IMMUTABLE", true)
    );
    assert!(repository.lifecycle_policy.is_some());
    let namespace = inventory
        .cloud_map_namespaces
        .iter()
        .find(|n| n.id == stack.namespace_id)
        .expect("namespace");
    assert_eq!(namespace.namespace_type, "DNS_PRIVATE");
    assert!(
        inventory
            .cloud_map_services
            .iter()
            .any(|s| s.name == "app" && s.dns_record_types == ["A"])
    );
    let target = inventory
        .scalable_targets
        .iter()
        .find(|t| t.resource_id.ends_with(&stack.service))
        .expect("scalable target");
    assert_eq!(
        (target.min_capacity, target.max_capacity),
        (Some(2), Some(10))
    );
    let policy = inventory
        .scaling_policies
        .iter()
        .find(|p| p.resource_id == target.resource_id)
        .expect("scaling policy");
    assert_eq!(
        policy.predefined_metric.as_deref(),
        Some("ECSServiceAverageCPUUtilization")
    );
    assert_eq!(policy.target_value, Some(70.0));
    let parameters: Vec<&str> = inventory
        .ssm_parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        parameters,
        ["/app/c1/shared/feature-flags", "/app/c1/shared/region"],
        "every parameter under the named path"
    );
    let dashboard = inventory
        .dashboards
        .iter()
        .find(|d| d.name == stack.dashboard)
        .expect("dashboard");
    assert!(
        dashboard
            .body
            .as_ref()
            .unwrap()
            .to_string()
            .contains("RunningTaskCount")
    );
    let alarm = inventory
        .alarms
        .iter()
        .find(|a| a.name == stack.alarm)
        .expect("alarm");
    assert_eq!(alarm.alarm_actions, std::slice::from_ref(&stack.topic_arn));
    // Run metadata.
    assert!(inventory.api_requests() > 0);
    assert!(
        inventory.meta.api_calls.contains_key("ec2:DescribeVpcs"),
        "{:?}",
        inventory.meta.api_calls
    );
    assert!(inventory.meta.phase_ms.contains_key("collect"));
    eprintln!(
        "{} resources, {} requests: {:?}",
        inventory.resource_count(),
        inventory.api_requests(),
        inventory.meta.api_calls
    );

    // The saved inventory round-trips, and the checks run on it.
    let reread: Inventory =
        serde_json::from_str(&serde_json::to_string(&inventory).unwrap()).unwrap();
    assert_eq!(reread, inventory);
    let profile = load_profile("transaction-processing", Path::new("fixtures/profiles")).unwrap();
    let today = chrono::Utc::now().date_naive();
    let results = evaluate(&inventory, &profile, registry::REGISTRY, &[], today).results;
    let status = |id: &str, resource: &str| {
        results
            .iter()
            .find(|r| r.check_id == id && r.resource.id == resource)
            .map(|r| r.status)
    };
    assert_eq!(status("VPC-001", &stack.vpc), Some(Status::Pass));
    assert_eq!(
        status("VPC-008", &stack.vpc),
        Some(Status::Pass),
        "one NAT gateway"
    );
    assert_eq!(status("SG-004", &stack.db_group), Some(Status::Pass));
    assert_eq!(
        status("ECS-001", &inventory.task_definitions[0].arn),
        Some(Status::Pass)
    );
    assert_eq!(status("LOGS-002", &stack.log_group), Some(Status::Pass));
    assert_eq!(status("INV-001", "stack"), Some(Status::Pass));
}

#[tokio::test]
async fn resources_the_outputs_name_but_the_target_lacks_are_missing() {
    let target = shared_target().await;
    let outputs = serde_json::json!({
        "VpcId": "vpc-0123456789abcdef0",
        "DataBucketName": "no-such-bucket-c2",
        "TaskRoleArn": "arn:aws:iam::123456789012:role/no-such-role-c2",
        "AppLogGroupName": "/ecs/no-such-group-c2",
        "AuroraEndpoint": "no-such-db.cluster-abcdefghijkl.us-east-1.rds.amazonaws.com",
    });
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&target, &write_outputs(dir.path(), &outputs)).await;
    let mut missing: Vec<(&str, &str)> = inventory
        .missing
        .iter()
        .map(|m| (m.kind.as_str(), m.output_key.as_deref().unwrap_or("?")))
        .collect();
    missing.sort();
    assert_eq!(
        missing,
        [
            ("db-cluster", "AuroraEndpoint"),
            ("iam-role", "TaskRoleArn"),
            ("log-group", "AppLogGroupName"),
            ("s3-bucket", "DataBucketName"),
            ("vpc", "VpcId")
        ]
    );
    let results = evaluate(
        &inventory,
        &Default::default(),
        &[registry::find("INV-001").unwrap()],
        &[],
        chrono::Utc::now().date_naive(),
    )
    .results;
    assert_eq!(results.len(), 5);
    assert!(results.iter().all(|r| r.status == Status::Fail));
}

#[tokio::test]
async fn an_unreachable_target_yields_errors_never_passes() {
    let dead = Target::endpoint("http://127.0.0.1:9", None).await.unwrap();
    let outputs = serde_json::json!({ "VpcId": "vpc-0123456789abcdef0", "LogsBucketName": "some-bucket", "AppLogGroupName": "/ecs/app" });
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&dead, &write_outputs(dir.path(), &outputs)).await;
    assert!(
        inventory.missing.is_empty(),
        "an unreachable target proves nothing missing: {:?}",
        inventory.missing
    );
    assert_eq!(inventory.vpcs.len(), 1);
    assert!(inventory.vpcs[0].errors.contains_key("*"));
    let profile = load_profile("transaction-processing", Path::new("fixtures/profiles")).unwrap();
    let results = evaluate(
        &inventory,
        &profile,
        registry::REGISTRY,
        &[],
        chrono::Utc::now().date_naive(),
    )
    .results;
    // Only verdicts about the outputs file itself may pass: nothing was missing from it, and
    // it does export a bucket. Nothing about the unreachable target may.
    assert!(
        results
            .iter()
            .all(|r| r.status != Status::Pass
                || ["INV-001", "STACK-006"].contains(&r.check_id.as_str())),
        "{:?}",
        results
            .iter()
            .filter(|r| r.status == Status::Pass)
            .collect::<Vec<_>>()
    );
    assert!(
        results
            .iter()
            .any(|r| r.status == Status::Error && r.check_id == "VPC-001")
    );
    assert!(
        results
            .iter()
            .any(|r| r.status == Status::Error && r.check_id == "LOGS-002")
    );
    assert!(
        results
            .iter()
            .any(|r| r.status == Status::Error && r.check_id == "ENC-001")
    );
}

#[tokio::test]
async fn cli_collect_then_check() {
    let target = shared_target().await;
    let stack = small_stack::build(target.sdk_config(), "c3").await;
    let dir = tempfile::tempdir().unwrap();
    let outputs = write_outputs(dir.path(), &stack.outputs);
    let inventory = dir.path().join("inventory.json");
    let collected = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args([
            "collect",
            "--endpoint",
            shared_emulator().endpoint(),
            "--outputs",
        ])
        .arg(&outputs)
        .arg("--out")
        .arg(&inventory)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&collected.stderr);
    assert!(collected.status.success(), "{log}");
    assert!(
        log.contains("API requests") && log.contains("ec2:DescribeVpcs"),
        "{log}"
    );
    let checked = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args([
            "check",
            "--profile",
            "transaction-processing",
            "--inventory",
        ])
        .arg(&inventory)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(
        text.contains("with profile transaction-processing"),
        "{text}"
    );
    assert!(matches!(checked.status.code(), Some(0 | 1)), "{text}");
}

#[tokio::test]
async fn cli_check_collects_live_from_an_outputs_file() {
    let target = shared_target().await;
    let stack = small_stack::build(target.sdk_config(), "c4").await;
    let dir = tempfile::tempdir().unwrap();
    let outputs = write_outputs(dir.path(), &stack.outputs);
    let saved = dir.path().join("live-inventory.json");
    let checked = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["check", "--endpoint", shared_emulator().endpoint()])
        .arg("--outputs")
        .arg(&outputs)
        .arg("--save-inventory")
        .arg(&saved)
        .args(["--environment-suffix", "c4"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&checked.stdout);
    let log = String::from_utf8_lossy(&checked.stderr);
    assert!(log.contains("API requests"), "{log}");
    assert!(text.contains("with profile baseline"), "{text}{log}");
    assert!(matches!(checked.status.code(), Some(0 | 1)), "{text}{log}");
    let inventory: Inventory =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert!(!inventory.vpcs.is_empty() && !inventory.buckets.is_empty());
    assert_eq!(inventory.meta.environment_suffix.as_deref(), None);
    // Each named value keeps the line of the outputs file that declares it (SARIF's location).
    let vpc = &inventory.vpcs[0].id;
    let written = std::fs::read_to_string(&outputs).unwrap();
    let vpc_line = 1 + written
        .lines()
        .position(|l| l.contains(vpc.as_str()))
        .unwrap();
    assert_eq!(inventory.meta.output_lines.get(vpc), Some(&vpc_line));
    // The same file evaluated offline with the suffix gives the live run's verdicts.
    let offline = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["check", "--environment-suffix", "c4", "--inventory"])
        .arg(&saved)
        .output()
        .unwrap();
    let offline_text = String::from_utf8_lossy(&offline.stdout);
    let counts = |t: &str| t.lines().nth(1).unwrap_or_default().to_string();
    assert_eq!(
        counts(&text),
        counts(&offline_text),
        "{text}\n{offline_text}"
    );
}

#[tokio::test]
async fn a_moto_endpoint_is_recognised_so_unmodelled_attributes_skip() {
    let moto = shared_target().await;
    assert!(
        moto.unmodelled()
            .contains(&"ecs-service.health_check_grace_period_seconds".to_string())
    );
    let other = Target::endpoint("http://127.0.0.1:9", None).await.unwrap();
    assert!(
        other.unmodelled().is_empty(),
        "an unknown endpoint is not assumed to be moto"
    );
}

/// Walks a directory tree, returning every file's path and text.
fn files_under(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_string();
            found.push((path, text));
        }
    }
    found
}

#[tokio::test]
async fn planted_secrets_never_reach_a_report_or_a_log() {
    const SECRET_VALUE: &str = "PLANTED-SECRET-VALUE-7f3c9a";
    const PASSWORD: &str = "PLANTED-PASSWORD-19ab";
    const ACCESS_KEY: &str = "AKIAPLANTED123456789";
    let target = shared_target().await;
    let stack = small_stack::build(target.sdk_config(), "r1").await;
    // A secret with a recognisable value, and a task definition revision that leaks two
    // credentials through plain environment variables and reads the secret properly.
    let secrets = aws_sdk_secretsmanager::Client::new(target.sdk_config());
    let planted = secrets
        .create_secret()
        .name("planted-r1")
        .secret_string(SECRET_VALUE)
        .send()
        .await
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    let ecs = aws_sdk_ecs::Client::new(target.sdk_config());
    support::revise_service_container(&ecs, &stack.cluster, &stack.service, |container| {
        container.environment = Some(vec![
            aws_sdk_ecs::types::KeyValuePair::builder()
                .name("DB_PASSWORD")
                .value(PASSWORD)
                .build(),
            aws_sdk_ecs::types::KeyValuePair::builder()
                .name("CONFIG")
                .value(ACCESS_KEY)
                .build(),
        ]);
        container.secrets = Some(vec![
            aws_sdk_ecs::types::Secret::builder()
                .name("PLANTED")
                .value_from(&planted)
                .build()
                .unwrap(),
        ]);
    })
    .await;

    let dir = tempfile::tempdir().unwrap();
    let outputs = write_outputs(dir.path(), &stack.outputs);
    let reports = dir.path().join("reports");
    let checked = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args([
            "check",
            "--endpoint",
            shared_emulator().endpoint(),
            "--outputs",
        ])
        .arg(&outputs)
        .arg("--report-dir")
        .arg(&reports)
        .arg("--save-inventory")
        .arg(dir.path().join("reports").join("saved-inventory.json"))
        .env("STACKPROOF_LOG", "debug")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&checked.stdout).to_string();
    let stderr = String::from_utf8_lossy(&checked.stderr).to_string();
    // The leaks are found…
    assert!(
        stdout.contains("ECS-005") && stdout.contains("ECS-006"),
        "{stdout}"
    );
    // …and nothing anywhere repeats them.
    let mut places = files_under(&reports);
    assert!(
        places.len() >= 7,
        "every format, the manifest and the inventory: {places:?}"
    );
    places.push(("stdout".into(), stdout));
    places.push(("stderr (debug log)".into(), stderr));
    for (place, text) in &places {
        for planted in [SECRET_VALUE, PASSWORD, ACCESS_KEY] {
            assert!(
                !text.contains(planted),
                "{planted} leaked into {}",
                place.display()
            );
        }
    }
}

/// Ten shapes of secret — sensitive Terraform outputs (an ARN, an account id, a JSON document, a
/// multi-line value), a Pulumi secret, task environment values under secret names (JSON,
/// multi-line, an access key) and tags (by name, by content) — never reach a report, a saved
/// inventory, the console or the debug log; sensitive outputs show as `<sensitive>`.
#[tokio::test]
async fn sensitive_values_of_every_shape_are_never_written() {
    let target = shared_target().await;
    let stack = small_stack::build(target.sdk_config(), "r3").await;
    let planted = [
        "arn:aws:iam::123456789012:role/PLANTED-ARN-3391",
        "918273645501",
        "PLANTED-TF-JSON-2290",
        "PLANTED-TF-MULTILINE-6677",
        "PLANTED-PULUMI-8080",
        "PLANTED-ENV-JSON-8812",
        "PLANTED-ENV-MULTILINE-4410",
        "AKIAPLANTEDENV123456",
        "PLANTED-TAG-PASSWORD-5521",
        "AKIAPLANTEDTAG123456",
    ];
    // Tags, by a secret-like name and by a credential-like value.
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(target.sdk_config())
            .force_path_style(true)
            .build(),
    );
    let tag = |key: &str, value: &str| {
        aws_sdk_s3::types::Tag::builder()
            .key(key)
            .value(value)
            .build()
            .unwrap()
    };
    s3.put_bucket_tagging()
        .bucket(&stack.bucket)
        .tagging(
            aws_sdk_s3::types::Tagging::builder()
                .tag_set(tag("DbPassword", planted[8]))
                .tag_set(tag("Owner", planted[9]))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let ecs = aws_sdk_ecs::Client::new(target.sdk_config());
    let variable = |name: &str, value: String| {
        aws_sdk_ecs::types::KeyValuePair::builder()
            .name(name)
            .value(value)
            .build()
    };
    support::revise_service_container(&ecs, &stack.cluster, &stack.service, |container| {
        container.environment = Some(vec![
            variable(
                "DB_PASSWORD_JSON",
                format!(r#"{{"password":"{}"}}"#, planted[5]),
            ),
            variable(
                "TLS_PRIVATE_KEY",
                format!("-----BEGIN-----\n{}\n-----END-----", planted[6]),
            ),
            variable("SETTINGS", planted[7].to_string()),
        ]);
    })
    .await;

    // The stack's outputs as `terraform output -json` writes them, four of them sensitive.
    let mut outputs: serde_json::Map<String, serde_json::Value> = stack
        .outputs
        .iter()
        .map(|(key, value)| {
            let output = serde_json::json!({"value": value, "type": "string", "sensitive": false});
            (key.clone(), output)
        })
        .collect();
    let sensitive = [
        ("db_role_arn", serde_json::json!(planted[0])),
        ("billing_account", serde_json::json!(planted[1])),
        (
            "db_config",
            serde_json::json!({"user": "app", "password": planted[2]}),
        ),
        (
            "tls_cert",
            serde_json::json!(format!("-----BEGIN-----\n{}\n-----END-----", planted[3])),
        ),
    ];
    for (key, value) in sensitive {
        outputs.insert(
            key.into(),
            serde_json::json!({"value": value, "type": "string", "sensitive": true}),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let terraform = write_outputs(dir.path(), &outputs);
    let pulumi = dir.path().join("pulumi.json");
    let secret = serde_json::json!({
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        "plaintext": format!("\"{}\"", planted[4]),
    });
    std::fs::write(
        &pulumi,
        serde_json::json!({"vpcId": stack.vpc, "dbPassword": secret}).to_string(),
    )
    .unwrap();

    let reports = dir.path().join("reports");
    let run = |args: Vec<std::ffi::OsString>| {
        Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args(args)
            .env("STACKPROOF_LOG", "debug")
            .output()
            .unwrap()
    };
    let checked = run(vec![
        "check".into(),
        "--endpoint".into(),
        shared_emulator().endpoint().into(),
        "--outputs".into(),
        terraform.clone().into(),
        "--report-dir".into(),
        reports.clone().into(),
        "--save-inventory".into(),
        reports.join("saved-inventory.json").into(),
    ]);
    assert!(
        String::from_utf8_lossy(&checked.stdout).contains("ECS-005"),
        "the secret-named variables are found: {}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let shown: Vec<Output> = [&terraform, &pulumi]
        .iter()
        .flat_map(|file| {
            [
                run(vec![
                    "outputs".into(),
                    (*file).clone().into(),
                    "--json".into(),
                ]),
                run(vec!["outputs".into(), (*file).clone().into()]),
            ]
        })
        .collect();
    let pulumi_json = String::from_utf8_lossy(&shown[2].stdout).to_string();
    assert!(pulumi_json.contains("<sensitive>"), "{pulumi_json}");
    let mut places = files_under(&reports);
    assert!(places.len() >= 7, "{places:?}");
    for (index, output) in std::iter::once(&checked).chain(&shown).enumerate() {
        places.push((
            format!("stdout {index}").into(),
            String::from_utf8_lossy(&output.stdout).into(),
        ));
        places.push((
            format!("stderr {index}").into(),
            String::from_utf8_lossy(&output.stderr).into(),
        ));
    }
    for (place, text) in &places {
        for secret in planted {
            assert!(
                !text.contains(secret),
                "{secret} leaked into {}",
                place.display()
            );
        }
    }
}

/// Log groups that share a directory are listed together, page by page; the listing stops when
/// every wanted group is seen, proves a group absent when it ends, and gives way to one lookup
/// per group when the directory is mostly other groups.
#[tokio::test]
async fn log_groups_sharing_a_directory_are_listed_together() {
    let target = shared_target().await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(target.sdk_config());
    let create = |name: String| {
        let logs = logs.clone();
        async move {
            logs.create_log_group()
                .log_group_name(&name)
                .send()
                .await
                .unwrap();
            logs.put_retention_policy()
                .log_group_name(&name)
                .retention_in_days(30)
                .send()
                .await
                .unwrap();
            logs.tag_resource()
                .resource_arn(format!(
                    "arn:aws:logs:us-east-1:123456789012:log-group:{name}"
                ))
                .tags("team", "payments")
                .send()
                .await
                .unwrap();
        }
    };
    // Dense: 60 groups, 8 wanted (one of them never created). Sparse: 160 other groups before
    // the 3 wanted ones (names sort after `/lg-sparse/a…`).
    let mut created = Vec::new();
    for index in 0..60 {
        created.push(format!("/lg-dense/svc-{index:02}"));
    }
    for index in 0..160 {
        created.push(format!("/lg-sparse/a-{index:03}"));
    }
    for name in [
        "/lg-sparse/z-1",
        "/lg-sparse/z-2",
        "/lg-sparse/z-3",
        "/lg-alone/web",
    ] {
        created.push(name.to_string());
    }
    futures::future::join_all(created.into_iter().map(create)).await;
    let mut outputs = serde_json::Map::new();
    for index in [0, 7, 13, 21, 34, 55, 59] {
        outputs.insert(
            format!("Dense{index}LogGroupName"),
            format!("/lg-dense/svc-{index:02}").into(),
        );
    }
    outputs.insert("GoneLogGroupName".into(), "/lg-dense/svc-99".into());
    for index in 1..=3 {
        outputs.insert(
            format!("Sparse{index}LogGroupName"),
            format!("/lg-sparse/z-{index}").into(),
        );
    }
    outputs.insert("AloneLogGroupName".into(), "/lg-alone/web".into());
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&target, &write_outputs(dir.path(), &outputs)).await;

    let names: Vec<&str> = inventory
        .log_groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(names.len(), 11, "{names:?}");
    for group in &inventory.log_groups {
        assert_eq!(group.retention_days, Some(30), "{}", group.name);
        assert_eq!(
            group.tags.get("team").map(String::as_str),
            Some("payments"),
            "{}",
            group.name
        );
        assert!(
            group.errors.is_empty(),
            "{}: {:?}",
            group.name,
            group.errors
        );
    }
    let gone: Vec<&str> = (inventory.missing.iter())
        .filter(|m| m.kind == "log-group")
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(gone, ["/lg-dense/svc-99"]);
    // Dense: 2 pages (60 groups), the absent group proven by the listing's end. Sparse: 3 pages
    // (as many as wanted groups), then 3 lookups. Alone: 1 lookup.
    assert_eq!(
        inventory.meta.api_calls["logs:DescribeLogGroups"],
        2 + 3 + 3 + 1
    );
    assert_eq!(inventory.meta.api_calls["logs:ListTagsForResource"], 11);
}

#[tokio::test]
async fn log_group_tags_no_check_of_the_profile_reads_are_not_asked_for() {
    let target = shared_target().await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(target.sdk_config());
    for name in ["/lg-unread/a", "/lg-unread/b"] {
        logs.create_log_group()
            .log_group_name(name)
            .tags("team", "payments")
            .send()
            .await
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write_outputs(
        dir.path(),
        &serde_json::json!({"ALogGroupName": "/lg-unread/a", "BLogGroupName": "/lg-unread/b"}),
    );
    let baseline = stackproof_checks::profile::load_profile("baseline", dir.path()).unwrap();
    let not_read = stackproof_checks::inventory::unneeded_reads(&baseline);
    assert_eq!(not_read, ["log-group.tags"]);
    let text = std::fs::read_to_string(&file).unwrap();
    let (_, anchors) = stackproof_collector::outputs::anchors_of(&text, &file).unwrap();
    let inventory = stackproof::cli::steps::collect::collect_from(
        &target,
        target.sdk_config(),
        &anchors,
        &file,
        8,
        not_read,
    )
    .await;
    assert_eq!(inventory.log_groups.len(), 2);
    assert!(
        !inventory
            .meta
            .api_calls
            .contains_key("logs:ListTagsForResource")
    );
    assert_eq!(inventory.meta.not_read, ["log-group.tags"]);
    // Judged later by a profile that does read them: error, never a pass or a false fail.
    let mut tagged = baseline.clone();
    tagged.stack.required_tags = Some(vec!["team".into()]);
    let today = chrono::Local::now().date_naive();
    let evaluation = stackproof_checks::engine::evaluate(
        &inventory,
        &tagged,
        stackproof_checks::registry::REGISTRY,
        &[],
        today,
    );
    for result in (evaluation.results.iter())
        .filter(|r| r.check_id == "STACK-004" && r.resource.kind == "log-group")
    {
        assert_eq!(
            result.status,
            stackproof_checks::result::Status::Error,
            "{}",
            result.message
        );
        assert!(result.message.contains("not read"), "{}", result.message);
    }
    // Read everything (a saved inventory, `collect`): the tags are there.
    let inventory = collect_file(&target, &file).await;
    assert_eq!(inventory.meta.api_calls["logs:ListTagsForResource"], 2);
    assert!(
        inventory
            .log_groups
            .iter()
            .all(|g| g.tags["team"] == "payments")
    );
}

/// Creates 24 roles named `{prefix}-NN` (trust, an inline policy, a managed policy attached, a
/// tag) and returns the outputs naming them (by ARN and by name alike) plus one that does not
/// exist, and the managed policy's ARN.
async fn many_roles(
    target: &Target,
    prefix: &str,
) -> (serde_json::Map<String, serde_json::Value>, String) {
    let iam = aws_sdk_iam::Client::new(target.sdk_config());
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let inline = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}"#;
    let managed = iam
        .create_policy()
        .policy_name(format!("{prefix}-read-logs"))
        .policy_document(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#,
        )
        .send()
        .await
        .unwrap();
    let managed_arn = managed.policy().unwrap().arn().unwrap().to_string();
    let mut outputs = serde_json::Map::new();
    for index in 0..24 {
        let name = format!("{prefix}-{index:02}");
        let role = iam
            .create_role()
            .role_name(&name)
            .assume_role_policy_document(trust)
            .tags(
                aws_sdk_iam::types::Tag::builder()
                    .key("team")
                    .value("payments")
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        iam.put_role_policy()
            .role_name(&name)
            .policy_name("read-reports")
            .policy_document(inline)
            .send()
            .await
            .unwrap();
        iam.attach_role_policy()
            .role_name(&name)
            .policy_arn(&managed_arn)
            .send()
            .await
            .unwrap();
        let value = if index % 2 == 0 {
            role.role().unwrap().arn().to_string()
        } else {
            name
        };
        outputs.insert(format!("Role{index:02}Arn"), value.into());
    }
    outputs.insert(
        "GoneRoleArn".into(),
        format!("arn:aws:iam::123456789012:role/{prefix}-gone").into(),
    );
    (outputs, managed_arn)
}

/// The 24 roles of [`many_roles`] as collected, each whole; and the one missing.
fn assert_many_roles(inventory: &Inventory, prefix: &str, managed_arn: &str) {
    let roles: Vec<_> = (inventory.roles.iter())
        .filter(|r| r.name.starts_with(prefix))
        .collect();
    assert_eq!(roles.len(), 24);
    for role in roles {
        assert!(role.errors.is_empty(), "{}: {:?}", role.name, role.errors);
        assert_eq!(
            role.arn,
            format!("arn:aws:iam::123456789012:role/{}", role.name)
        );
        let principal =
            &role.trust_policy.as_ref().unwrap()["Statement"][0]["Principal"]["Service"];
        assert_eq!(principal, "ecs-tasks.amazonaws.com", "{}", role.name);
        assert_eq!(role.inline_policies.len(), 1);
        assert_eq!(role.inline_policies[0].name, "read-reports");
        assert_eq!(
            role.inline_policies[0].document["Statement"][0]["Action"],
            "s3:GetObject"
        );
        assert_eq!(role.attached_policies.len(), 1);
        assert_eq!(role.attached_policies[0].arn, managed_arn);
        let document = role.attached_policies[0].document.as_ref().unwrap();
        assert_eq!(document["Statement"][0]["Action"], "logs:*");
        assert_eq!(role.tags.get("team").map(String::as_str), Some("payments"));
    }
    let gone: Vec<&str> = (inventory.missing.iter())
        .filter(|m| m.kind == "iam-role")
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        gone,
        [format!("arn:aws:iam::123456789012:role/{prefix}-gone")]
    );
    assert!(
        inventory.incomplete.is_empty(),
        "{:?}",
        inventory.incomplete
    );
}

/// Many roles are read from the account's authorization details in one request instead of four
/// per role, with the same trust, inline and attached policies and tags a per-role read gives.
#[tokio::test]
async fn many_roles_are_read_from_the_account_authorization_details() {
    let target = shared_target().await;
    let (outputs, managed_arn) = many_roles(&target, "many-roles").await;
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&target, &write_outputs(dir.path(), &outputs)).await;

    assert_many_roles(&inventory, "many-roles", &managed_arn);
    let calls = &inventory.meta.api_calls;
    assert_eq!(calls.get("iam:GetAccountAuthorizationDetails"), Some(&1));
    for per_role in [
        "iam:GetRole",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
    ] {
        assert_eq!(calls.get(per_role), None, "{per_role}");
    }
    // The managed policy's document is read once for all 24 roles.
    assert_eq!(calls.get("iam:GetPolicyVersion"), Some(&1));
}

/// A principal not allowed to list the account's authorization details still gets every role,
/// asked for one by one, and no error: the denied listing was made good.
#[tokio::test]
async fn many_roles_without_the_account_listing_are_asked_for_one_by_one() {
    let target = shared_target().await;
    let (outputs, managed_arn) = many_roles(&target, "denied-listing").await;
    let proxy = FaultProxy::start(
        shared_emulator().endpoint(),
        FaultPlan::Operation("iam:GetAccountAuthorizationDetails".into(), Fault::Denied),
    );
    let through_proxy = Target::endpoint(&proxy.endpoint(), None).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let inventory = collect_file(&through_proxy, &write_outputs(dir.path(), &outputs)).await;

    assert_eq!(proxy.faults_injected(), 1);
    assert_many_roles(&inventory, "denied-listing", &managed_arn);
    assert_eq!(inventory.meta.api_calls.get("iam:GetRole"), Some(&25));
}

/// The outputs name a VPC and a database; the collector follows the VPC's flow log to the log
/// group it delivers to and the role that delivers, and the cluster to the master user secret
/// RDS manages — none of which the outputs name.
#[tokio::test]
async fn flow_logs_and_clusters_lead_to_what_they_use() {
    let target = shared_target().await;
    let config = target.sdk_config().clone();
    let (ec2, logs, iam, rds) = (
        aws_sdk_ec2::Client::new(&config),
        aws_sdk_cloudwatchlogs::Client::new(&config),
        aws_sdk_iam::Client::new(&config),
        aws_sdk_rds::Client::new(&config),
    );
    let suffix = "lead1";
    let vpc = support::create_vpc(&ec2, "10.66.0.0/16").await;
    let group = format!("/flow/{suffix}");
    logs.create_log_group()
        .log_group_name(&group)
        .send()
        .await
        .unwrap();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let role = iam
        .create_role()
        .role_name(format!("flow-{suffix}"))
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap();
    (ec2.create_flow_logs()
        .resource_type(aws_sdk_ec2::types::FlowLogsResourceType::Vpc)
        .resource_ids(&vpc)
        .traffic_type(aws_sdk_ec2::types::TrafficType::All)
        .log_group_name(&group)
        .deliver_logs_permission_arn(role.role().unwrap().arn()))
    .send()
    .await
    .unwrap();
    let (endpoint, secret) = managed_secret_cluster(&rds, &format!("orders-{suffix}")).await;

    let dir = tempfile::tempdir().unwrap();
    let outputs = serde_json::json!({"VpcId": vpc, "DatabaseEndpoint": endpoint});
    let inventory = collect_file(&target, &write_outputs(dir.path(), &outputs)).await;
    let groups: Vec<&str> = inventory
        .log_groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(groups, [group.as_str()]);
    let roles: Vec<&str> = inventory.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(roles, [format!("flow-{suffix}")]);
    let secrets: Vec<&str> = inventory.secrets.iter().map(|s| s.arn.as_str()).collect();
    assert_eq!(secrets, [secret.as_str()]);
    assert_eq!(inventory.secrets[0].owning_service.as_deref(), Some("rds"));
}

/// A secret two paths lead to — a task's `secrets` and the cluster whose master user secret it
/// is — is collected once (judged once), not once per path.
#[tokio::test]
async fn a_secret_reached_by_two_paths_is_collected_once() {
    let target = shared_target().await;
    let config = target.sdk_config().clone();
    let (rds, ecs) = (
        aws_sdk_rds::Client::new(&config),
        aws_sdk_ecs::Client::new(&config),
    );
    let suffix = "twice1";
    let (endpoint, secret) = managed_secret_cluster(&rds, &format!("ledger-{suffix}")).await;
    let ecs_cluster = format!("apps-{suffix}");
    ecs.create_cluster()
        .cluster_name(&ecs_cluster)
        .send()
        .await
        .unwrap();
    let container = aws_sdk_ecs::types::ContainerDefinition::builder()
        .name("app")
        .image("public.ecr.aws/nginx/nginx:stable")
        .memory(512)
        .secrets(
            aws_sdk_ecs::types::Secret::builder()
                .name("DB")
                .value_from(&secret)
                .build()
                .unwrap(),
        )
        .build();
    let task = ecs
        .register_task_definition()
        .family(format!("app-{suffix}"))
        .container_definitions(container)
        .send()
        .await
        .unwrap();
    let task = task
        .task_definition()
        .unwrap()
        .task_definition_arn()
        .unwrap()
        .to_string();
    (ecs.create_service()
        .cluster(&ecs_cluster)
        .service_name(format!("app-{suffix}"))
        .task_definition(task)
        .desired_count(1))
    .send()
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let outputs = serde_json::json!({"EcsClusterName": ecs_cluster, "DatabaseEndpoint": endpoint});
    let inventory = collect_file(&target, &write_outputs(dir.path(), &outputs)).await;
    let secrets: Vec<&str> = inventory.secrets.iter().map(|s| s.arn.as_str()).collect();
    assert_eq!(secrets, [secret.as_str()]);
}

/// An Aurora cluster whose master user secret RDS manages: its endpoint and the secret's ARN.
async fn managed_secret_cluster(rds: &aws_sdk_rds::Client, id: &str) -> (String, String) {
    let created = (rds.create_db_cluster().db_cluster_identifier(id))
        .engine("aurora-postgresql")
        .master_username("admin_user")
        .manage_master_user_password(true)
        .send()
        .await
        .unwrap();
    let cluster = created.db_cluster().unwrap();
    let endpoint = cluster.endpoint().unwrap().to_string();
    let secret = (cluster.master_user_secret())
        .and_then(|s| s.secret_arn())
        .unwrap()
        .to_string();
    (endpoint, secret)
}
