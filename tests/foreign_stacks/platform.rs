//! A CDK-shaped platform: subnet groups by tag, network load balancers, two clusters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aws_config::SdkConfig;
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, LoadBalancerSchemeEnum, ProtocolEnum, TargetTypeEnum,
};

use crate::build::{
    awslogs, create_vpc, default_security_group, fargate_task, internet_gateway, nat_gateway,
    route_table, subnet,
};
use crate::support::shared_target;
use crate::table::assert_whole_table;

/// A CDK-shaped platform: subnet groups named by `aws-cdk:subnet-name` (Public, Application,
/// Isolated) with a third Application subnet doubled up in zone a; two internal network load
/// balancers, one with cross-zone balancing on; two ECS clusters whose services' tasks log to
/// a group with the profiled retention and to a group that does not exist.
async fn build_platform(
    config: &SdkConfig,
    suffix: &str,
    dir: &Path,
) -> (PathBuf, BTreeMap<String, String>) {
    let region = config.region().unwrap().to_string();
    let ec2 = aws_sdk_ec2::Client::new(config);
    let vpc = create_vpc(&ec2, "10.50.0.0/16").await;
    let mut ids = BTreeMap::new();
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let layout = [
        ("Public", "Public", "a", "10.50.0.0/24"),
        ("Public", "Public", "b", "10.50.1.0/24"),
        ("Application", "Private", "a", "10.50.10.0/24"),
        ("Application", "Private", "b", "10.50.11.0/24"),
        ("Application", "Private", "a", "10.50.12.0/24"),
        ("Isolated", "Isolated", "a", "10.50.20.0/24"),
        ("Isolated", "Isolated", "b", "10.50.21.0/24"),
    ];
    for (index, (group, kind, zone, cidr)) in layout.into_iter().enumerate() {
        let name = format!("Platform/Vpc/{group}Subnet{}", index + 1);
        let tags = [
            ("aws-cdk:subnet-name", group),
            ("aws-cdk:subnet-type", kind),
            ("Name", name.as_str()),
        ];
        let id = subnet(&ec2, &vpc, cidr, &format!("{region}{zone}"), &tags).await;
        ids.insert(
            format!("{{{}{}}}", group.to_ascii_lowercase(), index + 1),
            id.clone(),
        );
        groups.entry(group).or_default().push(id);
    }
    let igw = internet_gateway(&ec2, &vpc).await;
    let public = route_table(&ec2, &vpc, &groups["Public"].iter().collect::<Vec<_>>()).await;
    ec2.create_route()
        .route_table_id(&public)
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(&igw)
        .send()
        .await
        .unwrap();
    let nat = nat_gateway(&ec2, &groups["Public"][0]).await;
    let application = route_table(
        &ec2,
        &vpc,
        &groups["Application"].iter().collect::<Vec<_>>(),
    )
    .await;
    ec2.create_route()
        .route_table_id(&application)
        .destination_cidr_block("0.0.0.0/0")
        .nat_gateway_id(&nat)
        .send()
        .await
        .unwrap();
    route_table(&ec2, &vpc, &groups["Isolated"].iter().collect::<Vec<_>>()).await;

    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let mut balancers = Vec::new();
    for (name, cross_zone) in [("ingest", None), ("query", Some("true"))] {
        let created = elb
            .create_load_balancer()
            .name(format!("{name}-{suffix}"))
            .r#type(aws_sdk_elasticloadbalancingv2::types::LoadBalancerTypeEnum::Network)
            .scheme(LoadBalancerSchemeEnum::Internal)
            .set_subnets(Some(groups["Application"][..2].to_vec()))
            .send()
            .await
            .unwrap();
        let arn = created.load_balancers()[0]
            .load_balancer_arn()
            .unwrap()
            .to_string();
        if let Some(value) = cross_zone {
            let attribute = aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
                .key("load_balancing.cross_zone.enabled")
                .value(value)
                .build();
            elb.modify_load_balancer_attributes()
                .load_balancer_arn(&arn)
                .attributes(attribute)
                .send()
                .await
                .unwrap();
        }
        let group = elb
            .create_target_group()
            .name(format!("{name}-tcp-{suffix}"))
            .protocol(ProtocolEnum::Tcp)
            .port(9000)
            .target_type(TargetTypeEnum::Ip)
            .vpc_id(&vpc)
            .send()
            .await
            .unwrap();
        let group = group.target_groups()[0]
            .target_group_arn()
            .unwrap()
            .to_string();
        let forward = Action::builder()
            .r#type(ActionTypeEnum::Forward)
            .target_group_arn(&group)
            .build();
        elb.create_listener()
            .load_balancer_arn(&arn)
            .protocol(ProtocolEnum::Tcp)
            .port(9000)
            .default_actions(forward)
            .send()
            .await
            .unwrap();
        balancers.push(arn);
    }

    let tasks = ec2
        .create_security_group()
        .group_name(format!("platform-tasks-{suffix}"))
        .description("tasks")
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap();
    let tasks = tasks.group_id().unwrap().to_string();
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    let api_logs = format!("/platform/api-{suffix}");
    logs.create_log_group()
        .log_group_name(&api_logs)
        .send()
        .await
        .unwrap();
    logs.put_retention_policy()
        .log_group_name(&api_logs)
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
    let ecs = aws_sdk_ecs::Client::new(config);
    let mut clusters = Vec::new();
    for (cluster, group) in [
        ("api", api_logs.clone()),
        ("worker", format!("/platform/worker-{suffix}")),
    ] {
        let name = format!("{cluster}-{suffix}");
        ecs.create_cluster()
            .cluster_name(&name)
            .send()
            .await
            .unwrap();
        let container = aws_sdk_ecs::types::ContainerDefinition::builder()
            .name(cluster)
            .image("public.ecr.aws/nginx/nginx:1.27")
            .log_configuration(awslogs(&group, &region, cluster))
            .build();
        let task = fargate_task(&ecs, &name, None, container).await;
        ids.insert(format!("{{task-{cluster}}}"), task.clone());
        let network = aws_sdk_ecs::types::NetworkConfiguration::builder()
            .awsvpc_configuration(
                aws_sdk_ecs::types::AwsVpcConfiguration::builder()
                    .set_subnets(Some(groups["Application"][..2].to_vec()))
                    .security_groups(&tasks)
                    .build()
                    .unwrap(),
            )
            .build();
        ecs.create_service()
            .cluster(&name)
            .service_name(format!("{cluster}-service-{suffix}"))
            .task_definition(&task)
            .desired_count(1)
            .launch_type(aws_sdk_ecs::types::LaunchType::Fargate)
            .network_configuration(network)
            .send()
            .await
            .unwrap();
        clusters.push(name);
    }

    let outputs = serde_json::json!({
        "EnvironmentSuffix": suffix,
        "VpcId": vpc,
        "IngestLoadBalancerArn": balancers[0],
        "QueryLoadBalancerArn": balancers[1],
        "ApiClusterName": clusters[0],
        "WorkerClusterName": clusters[1],
    });
    let path = dir.join("flat-outputs.json");
    std::fs::write(&path, serde_json::to_string_pretty(&outputs).unwrap()).unwrap();
    ids.insert(
        "{default-sg}".into(),
        default_security_group(&ec2, &vpc).await,
    );
    ids.insert("{vpc}".into(), vpc);
    ids.insert("{nat}".into(), nat);
    ids.insert("{tasks-sg}".into(), tasks);
    (path, ids)
}

#[tokio::test]
async fn a_cdk_shaped_platform_with_network_load_balancers_and_two_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let (outputs, ids) = build_platform(target.sdk_config(), "plat9c", dir.path()).await;
    let profile = "extends = \"baseline\"\n[logs]\nretention_days = 30\n";
    assert_whole_table(
        &outputs,
        profile,
        include_str!("expected/platform.table"),
        &ids,
    )
    .await;
}
