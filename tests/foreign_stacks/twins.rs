//! Identical twins: two environments built the same way do not drift.

use std::path::{Path, PathBuf};

use aws_config::SdkConfig;

use crate::build::{awslogs, fargate_task};
use crate::support::{self, shared_target};

/// One environment of a stack built the same way everywhere: a key, a secret on it, a task role
/// whose policy names both, a log group, and a service whose task reads the secret.
async fn build_twin(config: &SdkConfig, environment: &str, suffix: &str, dir: &Path) -> PathBuf {
    let region = config.region().unwrap().to_string();
    let kms = aws_sdk_kms::Client::new(config);
    let key = kms
        .create_key()
        .description(format!("twin {environment}"))
        .send()
        .await
        .unwrap();
    let key = key.key_metadata().unwrap().arn().unwrap().to_string();
    kms.enable_key_rotation().key_id(&key).send().await.unwrap();
    kms.create_alias()
        .alias_name(format!("alias/twin-{environment}-{suffix}"))
        .target_key_id(&key)
        .send()
        .await
        .unwrap();
    let secrets = aws_sdk_secretsmanager::Client::new(config);
    let secret = secrets
        .create_secret()
        .name(format!("twin/{environment}/db-{suffix}"))
        .secret_string("{\"password\":\"generated\"}")
        .kms_key_id(&key)
        .send()
        .await
        .unwrap();
    let secret = secret.arn().unwrap().to_string();
    let iam = aws_sdk_iam::Client::new(config);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let role_name = format!("twin-task-{environment}-{suffix}");
    let role = iam
        .create_role()
        .role_name(&role_name)
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap();
    let role = role.role().unwrap().arn().to_string();
    let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret},
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key},
    ]});
    iam.put_role_policy()
        .role_name(&role_name)
        .policy_name("read-db-secret")
        .policy_document(policy.to_string())
        .send()
        .await
        .unwrap();
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    let group = format!("/twin/{environment}/app-{suffix}");
    logs.create_log_group()
        .log_group_name(&group)
        .send()
        .await
        .unwrap();
    logs.put_retention_policy()
        .log_group_name(&group)
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
    let ecs = aws_sdk_ecs::Client::new(config);
    let cluster = format!("twin-{environment}-{suffix}");
    ecs.create_cluster()
        .cluster_name(&cluster)
        .send()
        .await
        .unwrap();
    let container = aws_sdk_ecs::types::ContainerDefinition::builder()
        .name("app")
        .image("public.ecr.aws/nginx/nginx:1.27")
        .secrets(
            aws_sdk_ecs::types::Secret::builder()
                .name("DB_PASSWORD")
                .value_from(format!("{secret}:password::"))
                .build()
                .unwrap(),
        )
        .log_configuration(awslogs(&group, &region, "app"))
        .build();
    let task = fargate_task(
        &ecs,
        format!("twin-app-{environment}-{suffix}"),
        Some(&role),
        container,
    )
    .await;
    ecs.create_service()
        .cluster(&cluster)
        .service_name(format!("twin-app-{environment}-{suffix}"))
        .task_definition(&task)
        .desired_count(1)
        .send()
        .await
        .unwrap();
    let outputs = serde_json::json!({
        "EnvironmentSuffix": suffix,
        "ClusterName": cluster,
        "TaskRoleArn": role,
        "DbSecretArn": secret,
        "KmsKeyArn": key,
        "AppLogGroupName": group,
    });
    let path = dir.join(format!("{environment}-outputs.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&outputs).unwrap()).unwrap();
    path
}

/// Two environments built identically differ only in what AWS generated (the secret ARNs' random
/// tails, key ids, the suffixes and environment names in names): `drift` reports nothing.
#[tokio::test]
async fn identical_twins_do_not_drift() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let dev = build_twin(target.sdk_config(), "dev", "tw1n0a", dir.path()).await;
    let prod = build_twin(target.sdk_config(), "prod", "tw1n0b", dir.path()).await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["drift", "--endpoint", support::shared_emulator().endpoint()])
        .arg("--env")
        .arg(format!("dev={}", dev.display()))
        .arg("--env")
        .arg(format!("prod={}", prod.display()))
        .arg("--report-dir")
        .arg(dir.path().join("reports"))
        .output()
        .unwrap();
    let (console, results) = support::console_and_results(&output);
    let results = results.unwrap_or_else(|| panic!("{console}"));
    let drifted: Vec<_> = results
        .iter()
        .filter(|r| r.status != stackproof_checks::result::Status::Pass)
        .map(|r| {
            format!(
                "{} {} {}: {}",
                r.check_id,
                r.resource.id,
                serde_json::to_string(&r.status).unwrap(),
                r.message
            )
        })
        .collect();
    assert!(drifted.is_empty(), "{console}\n{drifted:#?}");
    assert!(
        results.iter().any(|r| r.check_id == "DRIFT-003"),
        "{console}"
    );
    assert_eq!(output.status.code(), Some(0), "{console}");
}
