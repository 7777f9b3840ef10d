//! Seed 001 (`001_a23e1a8559be13be.txt`): financial analytics platform, us-east-2.
//!
//! VPC over three zones with public and private subnets and no NAT gateway: private subnets reach
//! AWS through a gateway endpoint for S3 and interface endpoints for ECS, ECR (api, dkr) and
//! CloudWatch Logs. ECS on Fargate Spot (2 vCPU / 4 GB tasks) in the private subnets; Aurora
//! PostgreSQL Serverless v2 encrypted with a customer key, backups kept exactly 35 days; raw and
//! processed buckets with versioning and a 90-day Glacier transition; log groups encrypted with
//! the customer key at exactly 30 days. Of the seed's optional enhancements: a Kinesis stream,
//! an AWS Backup plan, and database credentials rotation (the RDS-managed master user secret,
//! rotated every 30 days, injected into the tasks).

use serde_json::json;

use crate::build::{AuroraSpec, Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Outputs, ProvisionError};

const RETENTION_DAYS: i32 = 30;
const APP_PORT: i32 = 8080;
const SECRET_ROTATION_DAYS: i64 = 30;
const INTERFACE_ENDPOINTS: [&str; 4] = ["ecs", "ecr.api", "ecr.dkr", "logs"];

pub async fn provision(b: &mut Builder) -> Result<Outputs, ProvisionError> {
    let region = b.region().to_string();
    // Network: three zones, no NAT; endpoints instead.
    let Network {
        vpc,
        zones,
        public,
        private,
        private_routes,
    } = b.network("analytics", 1, 3, false).await?;
    b.gateway_endpoint(&vpc, "s3", std::slice::from_ref(&private_routes))
        .await?;
    let endpoint_group = b
        .security_group(
            &vpc,
            "endpoints-sg",
            &[Rule::from_cidr(
                443,
                "10.1.0.0/16",
                "https to endpoints from the VPC",
            )],
            false,
        )
        .await?;
    for service in INTERFACE_ENDPOINTS {
        b.interface_endpoint(&vpc, service, &private, &endpoint_group)
            .await?;
    }
    let app_group = b
        .security_group(&vpc, "analytics-app-sg", &[], true)
        .await?;
    let db_group = b
        .security_group(
            &vpc,
            "analytics-db-sg",
            &[Rule::from_group(
                5432,
                &app_group,
                "postgres from the app tier",
            )],
            false,
        )
        .await?;

    // Customer key, logs, storage.
    let key = b.kms_key("analytics-key").await?;
    let ecs_logs = b
        .log_group(
            &format!("/ecs/{}", b.name("analytics")),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;
    let db_id = b.name("analytics-db");
    let rds_logs = b
        .log_group(
            &format!("/aws/rds/cluster/{db_id}/postgresql"),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;
    let raw = b.bucket("analytics-raw", &key).await?;
    let processed = b.bucket("analytics-processed", &key).await?;
    for bucket in [&raw, &processed] {
        b.glacier_after(bucket, 90).await?;
    }

    // Aurora PostgreSQL Serverless v2, customer key, 35-day backups; the master user secret
    // (RDS-managed) rotates every 30 days and is what the tasks connect with.
    let database = b
        .aurora(&AuroraSpec {
            base: "analytics-db",
            subnets: &private,
            security_group: &db_group,
            key: &key,
            backup_retention_days: 35,
            instances: &["db.serverless"],
            zones: &zones,
            serverless_v2: Some((0.5, 4.0)),
            iam_authentication: false,
            secret_rotation_days: Some(SECRET_ROTATION_DAYS),
        })
        .await?;

    // Identity.
    let account = b.account().await?;
    let execution_role = b
        .execution_role_reading(
            "analytics",
            &[&database.master_secret],
            &format!("arn:aws:kms:{region}:{account}:key/{key}"),
        )
        .await?;
    b.vpc_flow_logs(&vpc, "analytics", &account, RETENTION_DAYS, Some(&key))
        .await?;
    let task_policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadRaw", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": format!("arn:aws:s3:::{raw}/*")},
        {"Sid": "WriteProcessed", "Effect": "Allow", "Action": ["s3:PutObject"], "Resource": format!("arn:aws:s3:::{processed}/*")},
        {"Sid": "Database", "Effect": "Allow", "Action": ["rds-db:connect"], "Resource": format!("arn:aws:rds-db:{region}:{account}:dbuser:{db_id}/analytics")},
        {"Sid": "Decrypt", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": format!("arn:aws:kms:{region}:{account}:key/{key}")}
    ]});
    let task_role = b
        .role(
            "analytics-task-role",
            "ecs-tasks.amazonaws.com",
            Some(task_policy),
            &[],
        )
        .await?;

    // Compute on Fargate Spot (Spot runs X86_64 only).
    let cluster = b
        .ecs_cluster("analytics-cluster", &[("FARGATE_SPOT", 1)])
        .await?;
    let task_definition = b
        .task_definition(&TaskSpec {
            family: "analytics-ingest",
            image: "public.ecr.aws/docker/library/python:3.12-slim",
            cpu: "2048",
            memory: "4096",
            arm64: false,
            port: APP_PORT,
            task_role: &task_role,
            execution_role: &execution_role,
            log_group: &ecs_logs,
            environment: &[("RAW_BUCKET", &raw), ("PROCESSED_BUCKET", &processed)],
            secrets: &[("DB_CREDENTIALS", &database.master_secret)],
        })
        .await?;
    let service = b
        .ecs_service(&ServiceSpec {
            base: "analytics-ingest",
            cluster: &cluster,
            task_definition: &task_definition,
            desired_count: 2,
            subnets: &private,
            security_group: &app_group,
            target_group: None,
            container: "analytics-ingest",
            port: APP_PORT,
            capacity: &[("FARGATE_SPOT", 1)],
            grace_period_seconds: 0,
            registry: None,
        })
        .await?;

    // The seed's optional services the emulator supports: a Kinesis stream for ingestion and an
    // AWS Backup plan (35 days, matching the database).
    let stream = b.kinesis_stream("analytics-ingest-stream", &key).await?;
    let plan = b
        .backup_plan(
            "analytics-backup",
            &format!("arn:aws:kms:{region}:{account}:key/{key}"),
            35,
        )
        .await?;

    Ok(Outputs::from([
        ("VpcId".to_string(), vpc),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("EcsClusterName".to_string(), cluster),
        ("EcsServiceArn".to_string(), service),
        ("TaskDefinitionArn".to_string(), task_definition),
        ("TaskRoleArn".to_string(), task_role),
        ("ExecutionRoleArn".to_string(), execution_role),
        ("AuroraEndpoint".to_string(), database.endpoint),
        ("DbMasterSecretArn".to_string(), database.master_secret),
        (
            "KmsKeyArn".to_string(),
            format!("arn:aws:kms:{region}:{account}:key/{key}"),
        ),
        ("RawBucketName".to_string(), raw),
        ("ProcessedBucketName".to_string(), processed),
        ("EcsLogGroupName".to_string(), ecs_logs),
        ("RdsLogGroupName".to_string(), rds_logs),
        ("IngestStreamArn".to_string(), stream),
        ("BackupPlanId".to_string(), plan),
        ("Region".to_string(), region),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]))
}
