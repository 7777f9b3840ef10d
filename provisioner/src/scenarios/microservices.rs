//! Seed 004 (`004_f10cea36880f655d.txt`): containerized microservices platform, us-east-1.
//!
//! Three zones with public and private subnets, one NAT gateway, an internet gateway and route
//! tables per tier; ECR repositories for frontend, api-gateway and processing-service (immutable
//! tags, scan on push, lifecycle policy); a cluster with FARGATE and FARGATE_SPOT and a weighted
//! strategy; the three task definitions at 512/1024, 1024/2048 and 2048/4096 with environment
//! variables and secrets from Secrets Manager; services with desired counts, health-check grace
//! periods and CPU target tracking between 2 and 10 tasks; an ALB with target groups for
//! frontend and api-gateway, an HTTPS listener and an HTTP one that redirects to it, cross-zone on; a Cloud Map private
//! namespace with a service per ECS service; a task role and an execution role per service; log
//! groups per service at 30 days with stream prefixes; security groups per tier (ALB 80/443 from
//! the internet, frontend only from the ALB, api-gateway internal only, processing isolated);
//! VPC flow logs.

use serde_json::json;

use crate::build::{Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Outputs, ProvisionError};

const RETENTION_DAYS: i32 = 30;

/// (name, CPU units, memory MiB, port, behind the ALB)
const SERVICES: [(&str, &str, &str, i32, bool); 3] = [
    ("frontend", "512", "1024", 3000, true),
    ("api-gateway", "1024", "2048", 8080, true),
    ("processing-service", "2048", "4096", 9000, false),
];

pub async fn provision(b: &mut Builder) -> Result<Outputs, ProvisionError> {
    let region = b.region().to_string();
    let Network {
        vpc,
        public,
        private,
        ..
    } = b.network("micro", 4, 3, true).await?;
    let alb_group = b
        .security_group(
            &vpc,
            "micro-alb-sg",
            &[
                Rule::from_cidr(80, "0.0.0.0/0", "http from the internet"),
                Rule::from_cidr(443, "0.0.0.0/0", "https from the internet"),
            ],
            true,
        )
        .await?;
    let frontend_group = b
        .security_group(
            &vpc,
            "frontend-sg",
            &[Rule::from_group(
                3000,
                &alb_group,
                "frontend from the ALB only",
            )],
            true,
        )
        .await?;
    let api_group = b
        .security_group(
            &vpc,
            "api-gateway-sg",
            &[
                Rule::from_group(8080, &alb_group, "api from the ALB"),
                Rule::from_group(8080, &frontend_group, "api from the frontend"),
            ],
            true,
        )
        .await?;
    let processing_group = b
        .security_group(
            &vpc,
            "processing-sg",
            &[Rule::from_group(
                9000,
                &api_group,
                "processing from the api-gateway only",
            )],
            true,
        )
        .await?;
    let groups = [
        frontend_group.clone(),
        api_group.clone(),
        processing_group.clone(),
    ];

    // Keys, secrets, logs.
    let key = b.kms_key("micro-key").await?;
    let db_secret = b
        .secret(
            "db-credentials",
            r#"{"username":"app","password":"generated-at-deploy"}"#,
            &key,
        )
        .await?;
    let api_keys = b
        .secret("api-keys", r#"{"partner":"generated-at-deploy"}"#, &key)
        .await?;

    // Registry, service discovery, load balancer.
    let mut repositories = Vec::new();
    for (name, ..) in SERVICES {
        repositories.push(b.ecr_repository(name, Some(&key)).await?);
    }
    let namespace = b.private_namespace("micro", &vpc).await?;
    let (load_balancer, alb_dns) = b
        .load_balancer("micro-alb", &public, &alb_group, true)
        .await?;
    let certificate = b
        .certificate(&format!("{}.example.com", b.name("micro")))
        .await?;
    let frontend_tg = b.target_group("frontend-tg", &vpc, 3000, "/", 30).await?;
    let api_tg = b.target_group("api-tg", &vpc, 8080, "/health", 15).await?;
    b.redirect_listener(&load_balancer).await?;
    let https = b
        .https_listener(&load_balancer, &[(&frontend_tg, 1)], &certificate)
        .await?;
    b.path_rule(&https, 10, "/api/*", &api_tg).await?;

    // Identity: the execution role reads the secrets; flow logs.
    let account = b.account().await?;
    b.vpc_flow_logs(&vpc, "micro", &account, RETENTION_DAYS, Some(&key))
        .await?;

    // The three services.
    let cluster = b
        .ecs_cluster("micro-cluster", &[("FARGATE", 1), ("FARGATE_SPOT", 3)])
        .await?;
    let mut outputs = Outputs::new();
    for (index, (name, cpu, memory, port, public_facing)) in SERVICES.into_iter().enumerate() {
        let logs = b
            .log_group(
                &format!("/ecs/{}/{name}", b.name("micro")),
                RETENTION_DAYS,
                Some(&key),
            )
            .await?;
        let service_execution = b
            .execution_role_reading(
                name,
                &[&db_secret, &api_keys],
                &format!("arn:aws:kms:{region}:{account}:key/{key}"),
            )
            .await?;
        let task_policy = json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Metrics", "Effect": "Allow", "Action": ["cloudwatch:PutMetricData"], "Resource": "*"}
        ]});
        let task_role = b
            .role(
                &format!("{name}-task-role"),
                "ecs-tasks.amazonaws.com",
                Some(task_policy),
                &[],
            )
            .await?;
        let image = format!("{}:v1.0.0", repositories[index]);
        let definition = b
            .task_definition(&TaskSpec {
                family: name,
                image: &image,
                cpu,
                memory,
                arm64: false,
                port,
                task_role: &task_role,
                execution_role: &service_execution,
                log_group: &logs,
                environment: &[("SERVICE_NAME", name), ("LOG_LEVEL", "info")],
                secrets: &[("DB_CREDENTIALS", &db_secret), ("API_KEYS", &api_keys)],
            })
            .await?;
        let registry = b.discovery_service(name, &namespace).await?;
        let target_group = match name {
            "frontend" => Some(frontend_tg.as_str()),
            "api-gateway" => Some(api_tg.as_str()),
            _ => None,
        };
        let service = b
            .ecs_service(&ServiceSpec {
                base: name,
                cluster: &cluster,
                task_definition: &definition,
                desired_count: 2,
                subnets: &private,
                security_group: &groups[index],
                target_group: target_group.filter(|_| public_facing),
                container: name,
                port,
                capacity: &[("FARGATE", 1), ("FARGATE_SPOT", 3)],
                grace_period_seconds: if public_facing { 60 } else { 0 },
                registry: Some(&registry),
            })
            .await?;
        b.cpu_scaling(&cluster, &service, 2, 10, 60.0).await?;
        let key_name = name.split('-').map(capitalize).collect::<String>();
        outputs.insert(format!("{key_name}ServiceArn"), service);
        outputs.insert(
            format!("{key_name}RepositoryUrl"),
            repositories[index].clone(),
        );
    }

    outputs.extend([
        ("AlbDnsName".to_string(), alb_dns),
        ("EcsClusterName".to_string(), cluster.clone()),
        (
            "EcsClusterArn".to_string(),
            format!("arn:aws:ecs:{region}:{account}:cluster/{cluster}"),
        ),
        ("VpcId".to_string(), vpc),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("ServiceDiscoveryNamespaceId".to_string(), namespace),
        ("DbSecretArn".to_string(), db_secret),
        ("ApiKeysSecretArn".to_string(), api_keys),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]);
    Ok(outputs)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
