//! Seed 002 (`002_9e198a54650f23fe.txt`): transaction processing with blue-green deployments,
//! us-east-1.
//!
//! Three public and three private subnets over us-east-1a/b/c with one NAT gateway; a Fargate
//! service (2 vCPU / 4 GB) logging with awslogs to a group kept 3 days; Aurora PostgreSQL with two
//! instances in different zones and a DB subnet group over exactly those three zones, 7-day
//! backups, no deletion protection; an internet-facing IPv4 ALB whose listener forwards 80/20 to
//! blue and green target groups health-checked every 30 seconds; a dashboard with ECS task
//! count and RDS connections.

use serde_json::json;

use crate::build::{AuroraSpec, Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Outputs, ProvisionError};

const RETENTION_DAYS: i32 = 3;
const APP_PORT: i32 = 8080;

pub async fn provision(b: &mut Builder) -> Result<Outputs, ProvisionError> {
    let region = b.region().to_string();
    let Network {
        vpc,
        zones,
        public,
        private,
        ..
    } = b.network("bluegreen", 2, 3, true).await?;
    let alb_group = b
        .security_group(
            &vpc,
            "bg-alb-sg",
            &[Rule::from_cidr(80, "0.0.0.0/0", "http from the internet")],
            true,
        )
        .await?;
    let app_group = b
        .security_group(
            &vpc,
            "bg-app-sg",
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
            "bg-db-sg",
            &[Rule::from_group(
                5432,
                &app_group,
                "postgres from the app tier",
            )],
            false,
        )
        .await?;

    let key = b.kms_key("bluegreen-key").await?;
    let ecs_logs = b
        .log_group(
            &format!("/ecs/{}", b.name("bluegreen")),
            RETENTION_DAYS,
            Some(&key),
        )
        .await?;

    let execution_role = b.execution_role("bg").await?;
    let account = b.account().await?;
    b.vpc_flow_logs(&vpc, "bluegreen", &account, RETENTION_DAYS, Some(&key))
        .await?;
    let db_id = b.name("bluegreen-db");
    let task_policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Database", "Effect": "Allow", "Action": ["rds-db:connect"], "Resource": format!("arn:aws:rds-db:{region}:{account}:dbuser:{db_id}/app")},
        {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}
    ]});
    let task_role = b
        .role(
            "bg-task-role",
            "ecs-tasks.amazonaws.com",
            Some(task_policy),
            &[],
        )
        .await?;

    let (load_balancer, alb_dns) = b.load_balancer("bg-alb", &public, &alb_group, true).await?;
    let blue = b
        .target_group("bg-blue", &vpc, APP_PORT, "/health", 30)
        .await?;
    let green = b
        .target_group("bg-green", &vpc, APP_PORT, "/health", 30)
        .await?;
    b.listener(&load_balancer, 80, &[(&blue, 80), (&green, 20)])
        .await?;

    let cluster = b
        .ecs_cluster("bluegreen-cluster", &[("FARGATE", 1)])
        .await?;
    let task_definition = b
        .task_definition(&TaskSpec {
            family: "bluegreen-app",
            image: "public.ecr.aws/nginx/nginx:stable",
            cpu: "2048",
            memory: "4096",
            arm64: true,
            port: APP_PORT,
            task_role: &task_role,
            execution_role: &execution_role,
            log_group: &ecs_logs,
            environment: &[("DEPLOYMENT_COLOR", "blue")],
            secrets: &[],
        })
        .await?;
    let service = b
        .ecs_service(&ServiceSpec {
            base: "bluegreen-service",
            cluster: &cluster,
            task_definition: &task_definition,
            desired_count: 2,
            subnets: &private,
            security_group: &app_group,
            target_group: Some(&blue),
            container: "bluegreen-app",
            port: APP_PORT,
            capacity: &[],
            grace_period_seconds: 60,
            registry: None,
        })
        .await?;

    let endpoint = b
        .aurora(&AuroraSpec {
            base: "bluegreen-db",
            subnets: &private,
            security_group: &db_group,
            key: &key,
            backup_retention_days: 7,
            instances: &["db.r6g.large", "db.r6g.large"],
            zones: &zones[..2],
            serverless_v2: None,
            iam_authentication: false,
            secret_rotation_days: None,
        })
        .await?
        .endpoint;
    let dashboard = b
        .dashboard(
            "bluegreen-ops",
            &[
                (
                    "ECS running tasks",
                    "ECS/ContainerInsights",
                    "RunningTaskCount",
                ),
                ("RDS connections", "AWS/RDS", "DatabaseConnections"),
            ],
        )
        .await?;

    Ok(Outputs::from([
        ("LoadBalancerDNS".to_string(), alb_dns),
        ("DatabaseEndpoint".to_string(), endpoint),
        ("VpcId".to_string(), vpc),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("EcsClusterName".to_string(), cluster),
        ("EcsServiceArn".to_string(), service),
        ("BlueTargetGroupArn".to_string(), blue),
        ("GreenTargetGroupArn".to_string(), green),
        ("DashboardName".to_string(), dashboard),
        ("EcsLogGroupName".to_string(), ecs_logs),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]))
}
