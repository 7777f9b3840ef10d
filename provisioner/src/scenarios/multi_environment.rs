//! Seed 003 (`003_f90275c0a79cc6bd.txt`): one base template as three environments.
//!
//! prod and staging in us-east-1, dev in us-east-2, each with the same base — a VPC over three
//! zones with public and private subnets, one NAT gateway, tiered security groups, an
//! internet-facing ALB in front of an ECS cluster and service, a data bucket, Aurora PostgreSQL —
//! sized per environment: Aurora instance counts 3/2/1 on the seed's sizes (xlarge, large,
//! t3.medium; Aurora has no db.m5 classes, so the seed's m5.xlarge and m5.large are Aurora's
//! memory-optimized db.r6g.xlarge and db.r6g.large: "Supported DB engines for DB instance
//! classes", Aurora User Guide), task images tagged by the environment's policy
//! (`v*.*.*`, `staging-*`, `latest`). SSM Parameter Store hierarchies hold shared and
//! per-environment settings; prod is peered with staging and, across regions, with dev; a
//! cross-environment dashboard and an SNS topic for drift alerts live in us-east-1.

use serde_json::json;

use crate::build::{AuroraSpec, Builder, Network, Rule, ServiceSpec, TaskSpec};
use crate::{Environment, Outputs, ProvisionError};

/// One environment's sizes and policies.
struct Spec {
    name: &'static str,
    region: &'static str,
    cidr_octet: u8,
    instance_class: &'static str,
    instances: usize,
    image_tag: &'static str,
    desired_count: i32,
}

const ENVIRONMENTS: [Spec; 3] = [
    Spec {
        name: "prod",
        region: "us-east-1",
        cidr_octet: 10,
        instance_class: "db.r6g.xlarge",
        instances: 3,
        image_tag: "v1.4.2",
        desired_count: 3,
    },
    Spec {
        name: "staging",
        region: "us-east-1",
        cidr_octet: 11,
        instance_class: "db.r6g.large",
        instances: 2,
        image_tag: "staging-20261122",
        desired_count: 2,
    },
    Spec {
        name: "dev",
        region: "us-east-2",
        cidr_octet: 12,
        instance_class: "db.t3.medium",
        instances: 1,
        image_tag: "latest",
        desired_count: 1,
    },
];

/// The environments' names, in the order they are built.
pub fn environment_names() -> Vec<&'static str> {
    ENVIRONMENTS.iter().map(|spec| spec.name).collect()
}

pub fn regions() -> Vec<&'static str> {
    let mut regions: Vec<&str> = ENVIRONMENTS.iter().map(|spec| spec.region).collect();
    regions.sort();
    regions.dedup();
    regions
}

const HOME_REGION: &str = "us-east-1";
const APP_PORT: i32 = 8080;

pub async fn provision(b: &mut Builder) -> Result<Vec<Environment>, ProvisionError> {
    let mut environments = Vec::new();
    let mut vpcs = Vec::new();
    let root = format!("/{}", b.name("trading"));
    let mut regions_with_shared = std::collections::BTreeSet::new();
    for spec in &ENVIRONMENTS {
        b.switch_region(spec.region);
        let shared_here = regions_with_shared.insert(spec.region);
        let (outputs, vpc, routes) = environment(b, spec, &root, shared_here).await?;
        vpcs.push((spec.name, spec.region, vpc, routes, cidr(spec)));
        environments.push(Environment {
            name: Some(spec.name.to_string()),
            region: spec.region.to_string(),
            outputs,
        });
    }

    // Peering: prod with staging (same region) and with dev (across regions, accepted there).
    b.switch_region(HOME_REGION);
    let peering = b.peering(&vpcs[0].2, &vpcs[1].2, vpcs[1].1).await?;
    let cross_region = b.peering(&vpcs[0].2, &vpcs[2].2, vpcs[2].1).await?;
    b.switch_region(vpcs[2].1);
    b.accept_peering(&cross_region).await?;
    // Routes both ways over each peering, from the private route tables.
    let [prod, staging, dev] = &vpcs[..] else {
        unreachable!("three environments")
    };
    b.peering_route(&dev.3, &prod.4, &cross_region).await?;
    b.switch_region(HOME_REGION);
    b.peering_route(&prod.3, &staging.4, &peering).await?;
    b.peering_route(&prod.3, &dev.4, &cross_region).await?;
    b.peering_route(&staging.3, &prod.4, &peering).await?;

    // Shared resources in the home region: drift topic, cross-environment dashboard.
    b.switch_region(HOME_REGION);
    let key = b.kms_key("drift-key").await?;
    let topic = b.topic("drift-alerts", &key).await?;
    let widgets: Vec<(String, &str, &str)> = ENVIRONMENTS
        .iter()
        .map(|e| (format!("{} CPU", e.name), "AWS/ECS", "CPUUtilization"))
        .collect();
    let widgets: Vec<(&str, &str, &str)> = widgets
        .iter()
        .map(|(t, n, m)| (t.as_str(), *n, *m))
        .collect();
    let dashboard = b.dashboard("environments", &widgets).await?;
    let alarm = b
        .alarm("cpu-high", "AWS/ECS", "CPUUtilization", 80.0, &topic)
        .await?;
    for environment in environments.iter_mut().filter(|e| e.region == HOME_REGION) {
        environment
            .outputs
            .insert("DriftTopicArn".into(), topic.clone());
        environment
            .outputs
            .insert("DashboardName".into(), dashboard.clone());
        environment
            .outputs
            .insert("CpuAlarmName".into(), alarm.clone());
        environment
            .outputs
            .insert("PeeringConnectionId".into(), peering.clone());
    }
    Ok(environments)
}

/// The base template, sized for one environment; returns its outputs, VPC id and private route table. The shared
/// settings are written once per region (`write_shared`); parameters are regional.
async fn environment(
    b: &mut Builder,
    spec: &Spec,
    root: &str,
    write_shared: bool,
) -> Result<(Outputs, String, String), ProvisionError> {
    let env = spec.name;
    let region = spec.region;
    let Network {
        vpc,
        zones,
        public,
        private,
        private_routes,
    } = b.network(env, spec.cidr_octet, 3, true).await?;
    let alb_group = b
        .security_group(
            &vpc,
            &format!("{env}-alb-sg"),
            &[Rule::from_cidr(80, "0.0.0.0/0", "http from the internet")],
            true,
        )
        .await?;
    let app_group = b
        .security_group(
            &vpc,
            &format!("{env}-app-sg"),
            &[Rule::from_group(APP_PORT, &alb_group, "app from the ALB")],
            true,
        )
        .await?;
    let db_group = b
        .security_group(
            &vpc,
            &format!("{env}-db-sg"),
            &[Rule::from_group(
                5432,
                &app_group,
                "postgres from the app tier",
            )],
            false,
        )
        .await?;

    let key = b.kms_key(&format!("{env}-key")).await?;
    let logs = b
        .log_group(
            &format!("/ecs/{}", b.name(&format!("{env}-trading"))),
            30,
            Some(&key),
        )
        .await?;
    let execution_role = b.execution_role(env).await?;
    let account = b.account().await?;
    b.vpc_flow_logs(&vpc, env, &account, 30, Some(&key)).await?;
    let parameters = format!("arn:aws:ssm:{region}:{account}:parameter{root}/*");
    let task_policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Config", "Effect": "Allow", "Action": ["ssm:GetParametersByPath", "ssm:GetParameter"], "Resource": parameters}
    ]});
    let task_role = b
        .role(
            &format!("{env}-task-role"),
            "ecs-tasks.amazonaws.com",
            Some(task_policy),
            &[],
        )
        .await?;

    // SSM hierarchies: shared settings (the same in every environment) and per-environment ones.
    let shared = format!("{root}/shared");
    if write_shared {
        b.parameter(&format!("{shared}/feature-flags"), "orders,quotes")
            .await?;
        b.parameter(
            &format!("{shared}/market-data-url"),
            "https://market-data.internal",
        )
        .await?;
    }
    b.parameter(
        &format!("{root}/{env}/db-instance-count"),
        &spec.instances.to_string(),
    )
    .await?;
    b.parameter(&format!("{root}/{env}/image-tag"), spec.image_tag)
        .await?;
    b.secure_parameter(
        &format!("{root}/{env}/db-password"),
        "generated-at-deploy",
        &key,
    )
    .await?;

    let data_bucket = b.bucket(&format!("{env}-data"), &key).await?;
    let (load_balancer, alb_dns) = b
        .load_balancer(&format!("{env}-alb"), &public, &alb_group, true)
        .await?;
    let target_group = b
        .target_group(&format!("{env}-tg"), &vpc, APP_PORT, "/health", 30)
        .await?;
    b.listener(&load_balancer, 80, &[(&target_group, 1)])
        .await?;

    let cluster = b
        .ecs_cluster(&format!("{env}-cluster"), &[("FARGATE", 1)])
        .await?;
    let image = format!("public.ecr.aws/trading/platform:{}", spec.image_tag);
    let definition = b
        .task_definition(&TaskSpec {
            family: &format!("{env}-trading"),
            image: &image,
            cpu: "1024",
            memory: "2048",
            arm64: true,
            port: APP_PORT,
            task_role: &task_role,
            execution_role: &execution_role,
            log_group: &logs,
            environment: &[("ENVIRONMENT", env), ("CONFIG_PATH", root)],
            secrets: &[],
        })
        .await?;
    let service = b
        .ecs_service(&ServiceSpec {
            base: &format!("{env}-trading"),
            cluster: &cluster,
            task_definition: &definition,
            desired_count: spec.desired_count,
            subnets: &private,
            security_group: &app_group,
            target_group: Some(&target_group),
            container: &format!("{env}-trading"),
            port: APP_PORT,
            capacity: &[],
            // Behind the load balancer: new tasks get a minute before health checks count (ECS-020).
            grace_period_seconds: 60,
            registry: None,
        })
        .await?;
    let classes = vec![spec.instance_class; spec.instances];
    let endpoint = b
        .aurora(&AuroraSpec {
            base: &format!("{env}-db"),
            subnets: &private,
            security_group: &db_group,
            key: &key,
            backup_retention_days: if env == "prod" { 7 } else { 1 },
            instances: &classes,
            zones: &zones,
            serverless_v2: None,
            iam_authentication: false,
            secret_rotation_days: None,
        })
        .await?
        .endpoint;

    let outputs = Outputs::from([
        ("Environment".to_string(), env.to_string()),
        ("VpcId".to_string(), vpc.clone()),
        ("PublicSubnetIds".to_string(), public.join(",")),
        ("PrivateSubnetIds".to_string(), private.join(",")),
        ("EcsClusterName".to_string(), cluster),
        ("EcsServiceArn".to_string(), service),
        ("AuroraEndpoint".to_string(), endpoint),
        (
            "SharedConfigParameter".to_string(),
            format!("{shared}/feature-flags"),
        ),
        (
            "EnvironmentConfigParameter".to_string(),
            format!("{root}/{env}/image-tag"),
        ),
        ("EcsLogGroupName".to_string(), logs),
        ("LoadBalancerDns".to_string(), alb_dns),
        ("DataBucketName".to_string(), data_bucket),
        ("EnvironmentSuffix".to_string(), b.suffix().to_string()),
    ]);
    Ok((outputs, vpc, private_routes))
}

/// The environment's VPC block, as `Builder::network` lays it out.
fn cidr(spec: &Spec) -> String {
    format!("10.{}.0.0/16", spec.cidr_octet)
}
