//! Seed 000 (`000_ec0c5c645e5ca24d.txt`): cloud environment for transaction processing.
//!
//! VPC 10.0.0.0/16 over two zones (2 public, 2 private subnets), one NAT gateway, an internet
//! gateway, S3 and DynamoDB gateway endpoints; an ECS Fargate service on ARM64 in the private
//! subnets behind a public ALB with health checks; Aurora PostgreSQL (writer + reader, Graviton)
//! in the private subnets with 1-day backups; a least-privilege task role reaching the data bucket
//! and the database; encrypted, private log and data buckets (the data bucket and the ALB write
//! their access logs into the log bucket, SSE-S3 as AWS requires for log delivery); log groups
//! for ECS, RDS, ALB and flow logs at 30 days; tiered security groups.

use serde_json::json;

use crate::build::{AuroraSpec, Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Outputs, ProvisionError};

const RETENTION_DAYS: i32 = 30;
const APP_PORT: i32 = 8080;

pub async fn provision(b: &mut Builder) -> Result<Outputs, ProvisionError> {
    let region = b.region().to_string();
    let Network {
        vpc,
        zones,
        public,
        private,
        private_routes,
    } = b.network("transaction", 0, 2, true).await?;
    for service in ["s3", "dynamodb"] {
        b.gateway_endpoint(&vpc, service, std::slice::from_ref(&private_routes))
            .await?;
    }
    let alb_group = b
        .security_group(
            &vpc,
            "alb-sg",
            &[Rule::from_cidr(80, "0.0.0.0/0", "http from the internet")],
            true,
        )
        .await?;
    let app_group = b
        .security_group(
            &vpc,
            "app-sg",
            &[Rule::from_group(
                APP_PORT,
                &alb_group,
                "app port from the ALB",
            )],
            true,
        )
        .await?;
    let db_group = b
        .security_group(
            &vpc,
            "db-sg",
            &[Rule::from_group(
                5432,
                &app_group,
                "postgres from the app tier",
            )],
            false,
        )
        .await?;

    // Keys and logs.
    let key = b.kms_key("transaction-key").await?;
    let ecs_logs = b
        .log_group(
            &format!("/ecs/{}", b.name("transaction")),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;
    let db_id = b.name("transaction-db");
    let rds_logs = b
        .log_group(
            &format!("/aws/rds/cluster/{db_id}/postgresql"),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;
    let alb_logs = b
        .log_group(
            &format!("/aws/alb/{}", b.name("transaction")),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;

    // Storage.
    let logs_bucket = b.log_bucket("app-logs").await?;
    let data_bucket = b.bucket("transaction-data", &key).await?;
    b.bucket_logging(&data_bucket, &logs_bucket, "s3-access/")
        .await?;

    // Identity: the execution role (AWS-managed policy; its ARN names the account), the flow-log
    // role, the task role.
    let execution_role = b.execution_role("transaction").await?;
    let account = b.account().await?;
    b.vpc_flow_logs(&vpc, "transaction", &account, RETENTION_DAYS, Some(&key))
        .await?;
    let task_policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "DataObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": format!("arn:aws:s3:::{data_bucket}/*")},
        {"Sid": "DataBucket", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": format!("arn:aws:s3:::{data_bucket}")},
        {"Sid": "Database", "Effect": "Allow", "Action": ["rds-db:connect"], "Resource": format!("arn:aws:rds-db:{region}:{account}:dbuser:{db_id}/app")},
        {"Sid": "Decrypt", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": format!("arn:aws:kms:{region}:{account}:key/{key}")}
    ]});
    let task_role = b
        .role(
            "transaction-task-role",
            "ecs-tasks.amazonaws.com",
            Some(task_policy),
            &[],
        )
        .await?;

    // Compute behind the load balancer.
    let cluster = b
        .ecs_cluster("transaction-cluster", &[("FARGATE", 1)])
        .await?;
    let task_definition = b
        .task_definition(&TaskSpec {
            family: "transaction-app",
            image: "public.ecr.aws/nginx/nginx:stable",
            cpu: "512",
            memory: "1024",
            arm64: true,
            port: APP_PORT,
            task_role: &task_role,
            execution_role: &execution_role,
            log_group: &ecs_logs,
            environment: &[("DATA_BUCKET", &data_bucket), ("AWS_REGION", &region)],
            secrets: &[],
        })
        .await?;
    let (load_balancer, alb_dns) = b
        .load_balancer("transaction-alb", &public, &alb_group, true)
        .await?;
    let target_group = b
        .target_group("transaction-tg", &vpc, APP_PORT, "/health", 30)
        .await?;
    b.listener(&load_balancer, 80, &[(&target_group, 1)])
        .await?;
    b.access_logs(&load_balancer, &logs_bucket, "alb").await?;
    let service = b
        .ecs_service(&ServiceSpec {
            base: "transaction-service",
            cluster: &cluster,
            task_definition: &task_definition,
            desired_count: 2,
            subnets: &private,
            security_group: &app_group,
            target_group: Some(&target_group),
            container: "transaction-app",
            port: APP_PORT,
            capacity: &[],
            grace_period_seconds: 60,
            registry: None,
        })
        .await?;

    // Database: Aurora PostgreSQL, writer and reader on Graviton, private subnets, 1-day backups.
    let endpoint = b
        .aurora(&AuroraSpec {
            base: "transaction-db",
            subnets: &private,
            security_group: &db_group,
            key: &key,
            backup_retention_days: 1,
            instances: &["db.r6g.large", "db.r6g.large"],
            zones: &zones,
            serverless_v2: None,
            iam_authentication: true,
            secret_rotation_days: None,
        })
        .await?
        .endpoint;

    Ok(Outputs::from([
        ("VpcId".to_string(), vpc),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("AlbDnsName".to_string(), alb_dns),
        ("RdsEndpoint".to_string(), endpoint),
        ("LogsBucketName".to_string(), logs_bucket),
        ("DataBucketName".to_string(), data_bucket),
        ("EcsClusterName".to_string(), cluster),
        ("EcsServiceArn".to_string(), service),
        ("TaskRoleArn".to_string(), task_role),
        ("EcsLogGroupName".to_string(), ecs_logs),
        ("RdsLogGroupName".to_string(), rds_logs),
        ("AlbLogGroupName".to_string(), alb_logs),
        ("KmsKeyId".to_string(), key),
        ("AlbSecurityGroupId".to_string(), alb_group),
        ("Region".to_string(), region),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]))
}
