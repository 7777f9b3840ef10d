//! Stacks for the performance benchmarks (docs/performance.md), not seeds:
//!
//! - `mixed-35`: about 35 resources in the mix of the seeds: a VPC over three zones (6 subnets),
//!   5 security groups, 4 roles, 2 buckets, 3 log groups, 2 ECR repositories, 3 task definitions
//!   and services, an ALB, 2 Aurora clusters, a key and a secret.
//! - `scale-N`: N log groups, N/2 roles and N/2 security groups, each named by an output, so
//!   collection cost can be compared across sizes.

use serde_json::json;

use crate::build::{AuroraSpec, Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Outputs, ProvisionError};

const RETENTION_DAYS: i32 = 30;

pub async fn mixed(b: &mut Builder) -> Result<Outputs, ProvisionError> {
    let region = b.region().to_string();
    let Network {
        vpc,
        zones,
        public,
        private,
        ..
    } = b.network("mixed", 30, 3, true).await?;
    let alb_group = b
        .security_group(
            &vpc,
            "mixed-alb-sg",
            &[Rule::from_cidr(443, "0.0.0.0/0", "https from the internet")],
            true,
        )
        .await?;
    let key = b.kms_key("mixed-key").await?;
    let secret = b
        .secret("mixed-db", r#"{"password":"generated-at-deploy"}"#, &key)
        .await?;
    let data_bucket = b.bucket("mixed-data", &key).await?;
    let logs_bucket = b.bucket("mixed-logs", &key).await?;
    let execution_role = b.execution_role("mixed").await?;
    let repositories = [
        b.ecr_repository("mixed-web", None).await?,
        b.ecr_repository("mixed-worker", None).await?,
    ];
    let cluster = b.ecs_cluster("mixed-cluster", &[("FARGATE", 1)]).await?;
    let (load_balancer, alb_dns) = b
        .load_balancer("mixed-alb", &public, &alb_group, true)
        .await?;
    let target_group = b
        .target_group("mixed-tg", &vpc, 8080, "/health", 30)
        .await?;
    b.listener(&load_balancer, 80, &[(&target_group, 1)])
        .await?;

    let mut outputs = Outputs::new();
    let mut app_groups = Vec::new();
    for (index, name) in ["web", "api", "worker"].into_iter().enumerate() {
        let group = b
            .security_group(
                &vpc,
                &format!("mixed-{name}-sg"),
                &[Rule::from_group(8080, &alb_group, "app port from the ALB")],
                true,
            )
            .await?;
        let logs = b
            .log_group(
                &format!("/ecs/{}/{name}", b.name("mixed")),
                RETENTION_DAYS,
                Some(&key),
            )
            .await?;
        let task_policy = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": format!("arn:aws:s3:::{data_bucket}/*")}
        ]});
        let task_role = b
            .role(
                &format!("mixed-{name}-task-role"),
                "ecs-tasks.amazonaws.com",
                Some(task_policy),
                &[],
            )
            .await?;
        let repository = &repositories[index.min(1)];
        let image = format!("{repository}:v1.0.0");
        let family = format!("mixed-{name}");
        let task_definition = b
            .task_definition(&TaskSpec {
                family: &family,
                image: &image,
                cpu: "512",
                memory: "1024",
                arm64: true,
                port: 8080,
                task_role: &task_role,
                execution_role: &execution_role,
                log_group: &logs,
                environment: &[("AWS_REGION", &region)],
                secrets: &[("DB_PASSWORD", &secret)],
            })
            .await?;
        let service = b
            .ecs_service(&ServiceSpec {
                base: &format!("mixed-{name}"),
                cluster: &cluster,
                task_definition: &task_definition,
                desired_count: 2,
                subnets: &private,
                security_group: &group,
                target_group: (index == 0).then_some(target_group.as_str()),
                container: &family,
                port: 8080,
                capacity: &[],
                grace_period_seconds: 60,
                registry: None,
            })
            .await?;
        outputs.insert(format!("{}ServiceArn", title(name)), service);
        outputs.insert(format!("{}TaskRoleArn", title(name)), task_role);
        outputs.insert(format!("{}LogGroupName", title(name)), logs);
        app_groups.push(group);
    }
    let db_group = b
        .security_group(
            &vpc,
            "mixed-db-sg",
            &[Rule::from_group(
                5432,
                &app_groups[1],
                "postgres from the api",
            )],
            false,
        )
        .await?;
    for (name, output) in [
        ("mixed-orders-db", "OrdersDbEndpoint"),
        ("mixed-audit-db", "AuditDbEndpoint"),
    ] {
        let endpoint = b
            .aurora(&AuroraSpec {
                base: name,
                subnets: &private,
                security_group: &db_group,
                key: &key,
                backup_retention_days: 7,
                instances: &["db.r6g.large"],
                zones: &zones,
                serverless_v2: None,
                iam_authentication: false,
                secret_rotation_days: None,
            })
            .await?
            .endpoint;
        outputs.insert(output.to_string(), endpoint);
    }
    outputs.extend([
        ("VpcId".to_string(), vpc),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("AlbDnsName".to_string(), alb_dns),
        ("EcsClusterName".to_string(), cluster),
        ("DataBucketName".to_string(), data_bucket),
        ("LogsBucketName".to_string(), logs_bucket),
        ("KmsKeyId".to_string(), key),
        ("DbSecretArn".to_string(), secret),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]);
    Ok(outputs)
}

fn title(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `log_groups` log groups, half as many roles and security groups, each an output.
pub async fn scale(b: &mut Builder, log_groups: usize) -> Result<Outputs, ProvisionError> {
    // Names carry the size, so stacks of two sizes can share a suffix.
    let base = format!("scale{log_groups}");
    let vpc = b.vpc(&format!("{base}-vpc"), "10.40.0.0/16").await?;
    let mut outputs = Outputs::from([
        ("VpcId".to_string(), vpc.clone()),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]);
    for index in 0..log_groups {
        let name = b
            .log_group(
                &format!("/scale/{}/group-{index:04}", b.name(&base)),
                RETENTION_DAYS,
                None,
            )
            .await?;
        outputs.insert(format!("Group{index:04}LogGroupName"), name);
    }
    for index in 0..log_groups / 2 {
        let policy = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": "*"}
        ]});
        let role = b
            .role(
                &format!("{base}-role-{index:04}"),
                "ecs-tasks.amazonaws.com",
                Some(policy),
                &[],
            )
            .await?;
        outputs.insert(format!("Worker{index:04}RoleArn"), role);
        let group = b
            .security_group(
                &vpc,
                &format!("{base}-sg-{index:04}"),
                &[Rule::from_cidr(443, "10.40.0.0/16", "https inside the VPC")],
                false,
            )
            .await?;
        outputs.insert(format!("Worker{index:04}SecurityGroupId"), group);
    }
    Ok(outputs)
}
