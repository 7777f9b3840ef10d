//! Stacks shaped unlike our five scenarios, built here with the AWS SDK as someone else's
//! deployment would leave them (not with the provisioner's builders), collected from their
//! outputs file and judged. For each, the expected verdict of every (check, resource) of the
//! checks the shape tests is written down before the run, and the whole table is compared.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification, VpcEndpointType};
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, LoadBalancerSchemeEnum, ProtocolEnum, TargetGroupAttribute,
    TargetTypeEnum,
};
use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::Profile;
use stackproof_checks::registry;
use support::{collect_outputs, shared_target};

/// A table row: check, resource id, status.
type Row = (String, String, String);

fn rows(expected: &str) -> BTreeSet<Row> {
    expected
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "check resource status: {line}");
            (parts[0].into(), parts[1].into(), parts[2].into())
        })
        .collect()
}

/// Collects the stack's outputs file and evaluates `checks` with `profile`: the result table.
async fn verdicts(outputs: &Path, profile: &str, checks: &[&str]) -> BTreeSet<Row> {
    let target = shared_target().await;
    let inventory = collect_outputs(&target, target.sdk_config(), outputs).await;
    let profile: Profile = toml::from_str(profile).unwrap();
    let checks: Vec<_> = checks
        .iter()
        .map(|id| registry::find(id).unwrap())
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let results = evaluate(&inventory, &profile, &checks, &[], today).results;
    results
        .iter()
        .map(|r| {
            let status = serde_json::to_value(r.status).unwrap();
            (
                r.check_id.clone(),
                r.resource.id.clone(),
                status.as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_table(actual: &BTreeSet<Row>, expected: &BTreeSet<Row>) {
    let missing: Vec<_> = expected.difference(actual).collect();
    let unexpected: Vec<_> = actual.difference(expected).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "expected but not reported: {missing:#?}\nreported but not expected: {unexpected:#?}"
    );
}

fn named(kind: ResourceType, name: &str) -> TagSpecification {
    TagSpecification::builder()
        .resource_type(kind)
        .tags(Tag::builder().key("Name").value(name).build())
        .build()
}

struct Network {
    vpc: String,
    /// tier → [zone a, zone b]
    subnets: BTreeMap<&'static str, Vec<String>>,
    tables: BTreeMap<&'static str, String>,
}

/// A four-tier VPC (public, app, worker, db in two zones, named `shop-<tier>-<zone>` with no
/// tier tag). The app tier leaves through a NAT gateway in a public subnet; the worker tier's
/// default route goes to a NAT gateway someone placed in a db subnet, which has no internet
/// route; the db tier is isolated but has the S3 gateway endpoint and an interface endpoint.
async fn four_tier_network(ec2: &aws_sdk_ec2::Client, region: &str, cidr: &str) -> Network {
    let vpc = create_vpc(ec2, format!("{cidr}.0.0/16")).await;
    let mut network = Network {
        vpc,
        subnets: Default::default(),
        tables: Default::default(),
    };
    for (index, tier) in ["public", "app", "worker", "db"].into_iter().enumerate() {
        let table = ec2
            .create_route_table()
            .vpc_id(&network.vpc)
            .send()
            .await
            .unwrap();
        let table = table
            .route_table()
            .unwrap()
            .route_table_id()
            .unwrap()
            .to_string();
        for (offset, zone) in ["a", "b"].into_iter().enumerate() {
            let zone = format!("{region}{zone}");
            let subnet = ec2
                .create_subnet()
                .vpc_id(&network.vpc)
                .cidr_block(format!("{cidr}.{}.0/24", index * 10 + offset))
                .availability_zone(&zone)
                .tag_specifications(named(ResourceType::Subnet, &format!("shop-{tier}-{zone}")))
                .send()
                .await
                .unwrap();
            let subnet = subnet.subnet().unwrap().subnet_id().unwrap().to_string();
            ec2.associate_route_table()
                .route_table_id(&table)
                .subnet_id(&subnet)
                .send()
                .await
                .unwrap();
            network.subnets.entry(tier).or_default().push(subnet);
        }
        network.tables.insert(tier, table);
    }
    let igw = internet_gateway(ec2, &network.vpc).await;
    let default_route = |table: &str| {
        ec2.create_route()
            .route_table_id(table)
            .destination_cidr_block("0.0.0.0/0")
    };
    default_route(&network.tables["public"])
        .gateway_id(&igw)
        .send()
        .await
        .unwrap();
    for (tier, home) in [("app", "public"), ("worker", "db")] {
        let nat = nat_gateway(ec2, &network.subnets[home][0]).await;
        default_route(&network.tables[tier])
            .nat_gateway_id(nat)
            .send()
            .await
            .unwrap();
    }
    ec2.create_vpc_endpoint()
        .vpc_id(&network.vpc)
        .service_name(format!("com.amazonaws.{region}.s3"))
        .vpc_endpoint_type(VpcEndpointType::Gateway)
        .route_table_ids(&network.tables["db"])
        .send()
        .await
        .unwrap();
    ec2.create_vpc_endpoint()
        .vpc_id(&network.vpc)
        .service_name(format!("com.amazonaws.{region}.logs"))
        .vpc_endpoint_type(VpcEndpointType::Interface)
        .set_subnet_ids(Some(network.subnets["db"].clone()))
        .send()
        .await
        .unwrap();
    network
}

/// The shop: the network above, an internet-facing ALB forwarding to a blue target group (a
/// green one is named by the outputs but attached to nothing), an internal ALB whose target
/// group turned cross-zone balancing off, an Aurora cluster on the AWS-managed `aws/rds` key,
/// a log group on the stack's key and one on a healthy key from another team.
/// Returns the outputs file and the ids the expected table names by placeholder (`{app-a}`,
/// `{key-shop}` …).
async fn build_shop(
    config: &SdkConfig,
    suffix: &str,
    dir: &Path,
) -> (PathBuf, BTreeMap<String, String>) {
    let region = config.region().unwrap().to_string();
    let ec2 = aws_sdk_ec2::Client::new(config);
    let network = four_tier_network(&ec2, &region, "10.40").await;
    let group = ec2
        .create_security_group()
        .group_name(format!("shop-alb-{suffix}"))
        .description("load balancers")
        .vpc_id(&network.vpc)
        .send()
        .await
        .unwrap();
    let group = group.group_id().unwrap().to_string();

    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let balancer = |name: String, scheme: LoadBalancerSchemeEnum, subnets: Vec<String>| {
        elb.create_load_balancer()
            .name(name)
            .scheme(scheme)
            .set_subnets(Some(subnets))
            .security_groups(&group)
            .send()
    };
    let public = balancer(
        format!("shop-web-{suffix}"),
        LoadBalancerSchemeEnum::InternetFacing,
        network.subnets["public"].clone(),
    );
    let public = public.await.unwrap().load_balancers()[0].clone();
    let internal = balancer(
        format!("shop-api-{suffix}"),
        LoadBalancerSchemeEnum::Internal,
        network.subnets["app"].clone(),
    );
    let internal = internal.await.unwrap().load_balancers()[0].clone();
    let target_group = |name: String| {
        elb.create_target_group()
            .name(name)
            .protocol(ProtocolEnum::Http)
            .port(8080)
            .target_type(TargetTypeEnum::Ip)
            .vpc_id(&network.vpc)
            .send()
    };
    let mut groups = Vec::new();
    for name in ["blue", "green", "api"] {
        let created = target_group(format!("shop-{name}-{suffix}")).await.unwrap();
        groups.push(
            created.target_groups()[0]
                .target_group_arn()
                .unwrap()
                .to_string(),
        );
    }
    let forward = |group: &str| {
        Action::builder()
            .r#type(ActionTypeEnum::Forward)
            .target_group_arn(group)
            .build()
    };
    for (balancer, group) in [(&public, &groups[0]), (&internal, &groups[2])] {
        elb.create_listener()
            .load_balancer_arn(balancer.load_balancer_arn().unwrap())
            .protocol(ProtocolEnum::Http)
            .port(80)
            .default_actions(forward(group))
            .send()
            .await
            .unwrap();
    }
    elb.modify_target_group_attributes()
        .target_group_arn(&groups[2])
        .attributes(
            TargetGroupAttribute::builder()
                .key("load_balancing.cross_zone.enabled")
                .value("false")
                .build(),
        )
        .send()
        .await
        .unwrap();

    let kms = aws_sdk_kms::Client::new(config);
    let mut keys = Vec::new();
    for description in ["shop", "another team's"] {
        let key = kms
            .create_key()
            .description(description)
            .send()
            .await
            .unwrap();
        let key = key.key_metadata().unwrap().arn().unwrap().to_string();
        kms.enable_key_rotation().key_id(&key).send().await.unwrap();
        keys.push(key);
    }
    kms.create_alias()
        .alias_name(format!("alias/shop-{suffix}"))
        .target_key_id(&keys[0])
        .send()
        .await
        .unwrap();
    kms.create_alias()
        .alias_name("alias/platform-shared")
        .target_key_id(&keys[1])
        .send()
        .await
        .unwrap();
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    for (name, key) in [("orders", &keys[0]), ("payments", &keys[1])] {
        logs.create_log_group()
            .log_group_name(format!("/shop/{name}-{suffix}"))
            .kms_key_id(key)
            .send()
            .await
            .unwrap();
    }
    let rds = aws_sdk_rds::Client::new(config);
    rds.create_db_subnet_group()
        .db_subnet_group_name(format!("shop-db-{suffix}"))
        .db_subnet_group_description("db tier")
        .set_subnet_ids(Some(network.subnets["db"].clone()))
        .send()
        .await
        .unwrap();
    let cluster = rds
        .create_db_cluster()
        .db_cluster_identifier(format!("shop-orders-{suffix}"))
        .engine("aurora-postgresql")
        .master_username("shop")
        .master_user_password("not-a-real-password-1")
        .db_subnet_group_name(format!("shop-db-{suffix}"))
        .storage_encrypted(true)
        .kms_key_id("alias/aws/rds")
        .send()
        .await
        .unwrap();
    let cluster = cluster
        .db_cluster()
        .unwrap()
        .endpoint()
        .unwrap()
        .to_string();

    let outputs = serde_json::json!({
        "EnvironmentSuffix": suffix,
        "VpcId": network.vpc,
        "PublicSubnetIds": network.subnets["public"].join(","),
        "AppSubnetIds": network.subnets["app"].join(","),
        "WorkerSubnetIds": network.subnets["worker"].join(","),
        "DatabaseSubnetIds": network.subnets["db"].join(","),
        "WebLoadBalancerDns": public.dns_name().unwrap(),
        "ApiLoadBalancerArn": internal.load_balancer_arn().unwrap(),
        "GreenTargetGroupArn": groups[1],
        "OrdersLogGroup": format!("/shop/orders-{suffix}"),
        "PaymentsLogGroup": format!("/shop/payments-{suffix}"),
        "OrdersDbEndpoint": cluster,
    });
    let path = dir.join("flat-outputs.json");
    std::fs::write(&path, serde_json::to_string_pretty(&outputs).unwrap()).unwrap();
    let mut ids = BTreeMap::new();
    for (tier, subnets) in &network.subnets {
        for (zone, id) in ["a", "b"].into_iter().zip(subnets) {
            ids.insert(format!("{{{tier}-{zone}}}"), id.clone());
        }
    }
    for (name, arn) in ["shop", "shared"].into_iter().zip(&keys) {
        ids.insert(
            format!("{{key-{name}}}"),
            arn.rsplit('/').next().unwrap().to_string(),
        );
    }
    (path, ids)
}

#[tokio::test]
async fn a_four_tier_shop_with_two_load_balancers_and_borrowed_keys() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let suffix = "shop4t";
    let (outputs, ids) = build_shop(target.sdk_config(), suffix, dir.path()).await;
    let profile = "[encryption]\ndatabase_customer_key = true\n";
    let checks = [
        "VPC-005", "VPC-017", "ELB-005", "ELB-017", "ENC-004", "ENC-008", "KMS-004", "INV-001",
    ];
    let actual = verdicts(&outputs, profile, &checks).await;
    // Written before the first run, from AWS's semantics (see docs/real-aws-semantics.md).
    let expected = "
        # four tiers, each in zones a and b: no doubling (several tiers per zone is a layout)
        VPC-005 shop-public pass
        VPC-005 shop-app pass
        VPC-005 shop-worker pass
        VPC-005 shop-db pass
        # app: NAT in a public subnet; db: S3 gateway endpoint + interface endpoint;
        # worker: its NAT sits in a db subnet with no internet route
        VPC-017 {app-a} pass
        VPC-017 {app-b} pass
        VPC-017 {db-a} pass
        VPC-017 {db-b} pass
        VPC-017 {worker-a} fail
        VPC-017 {worker-b} fail
        # ALBs balance across zones (the emulator says false on the ALB: not read); the api
        # group turned it off; the green group serves nothing, so it balances nothing
        ELB-005 shop-blue-shop4t pass
        ELB-005 shop-api-shop4t fail
        ELB-017 shop-blue-shop4t pass
        ELB-017 shop-api-shop4t pass
        ELB-017 shop-green-shop4t fail
        # the cluster is on aws/rds
        ENC-004 shop-orders-shop4t fail
        # both customer keys rotate; the AWS-managed key is AWS's to rotate
        ENC-008 {key-shop} pass
        ENC-008 {key-shared} pass
        # the payments group borrows another team's key: no output names it, no alias carries
        # the suffix; the key itself is healthy
        KMS-004 /shop/orders-shop4t pass
        KMS-004 /shop/payments-shop4t fail
        INV-001 stack pass
    ";
    let expected = ids.iter().fold(expected.to_string(), |text, (name, id)| {
        text.replace(name.as_str(), id)
    });
    assert_table(&actual, &rows(&expected));
}

/// Creates a subnet in zone `zone` of the region with `tags`.
async fn subnet(
    ec2: &aws_sdk_ec2::Client,
    vpc: &str,
    cidr: &str,
    zone: &str,
    tags: &[(&str, &str)],
) -> String {
    let tags: Vec<Tag> = tags
        .iter()
        .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
        .collect();
    let spec = TagSpecification::builder()
        .resource_type(ResourceType::Subnet)
        .set_tags(Some(tags.clone()));
    let create = ec2
        .create_subnet()
        .vpc_id(vpc)
        .cidr_block(cidr)
        .availability_zone(zone);
    let create = if tags.is_empty() {
        create
    } else {
        create.tag_specifications(spec.build())
    };
    let created = create.send().await.unwrap();
    created.subnet().unwrap().subnet_id().unwrap().to_string()
}

async fn route_table(ec2: &aws_sdk_ec2::Client, vpc: &str, subnets: &[&String]) -> String {
    let table = ec2.create_route_table().vpc_id(vpc).send().await.unwrap();
    let table = table
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    for subnet in subnets {
        ec2.associate_route_table()
            .route_table_id(&table)
            .subnet_id(*subnet)
            .send()
            .await
            .unwrap();
    }
    table
}

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
    (path, ids)
}

#[tokio::test]
async fn a_cdk_shaped_platform_with_network_load_balancers_and_two_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let (outputs, ids) = build_platform(target.sdk_config(), "plat9c", dir.path()).await;
    let profile = "[logs]\nretention_days = 30\n";
    let checks = [
        "VPC-005", "VPC-017", "ELB-005", "ELB-017", "ECS-009", "ECS-010", "INV-001",
    ];
    let actual = verdicts(&outputs, profile, &checks).await;
    // Written before the first run.
    let expected = "
        # CDK's subnet groups are the tiers; the third Application subnet doubles zone a
        VPC-005 public pass
        VPC-005 application fail
        VPC-005 isolated pass
        # Application subnets leave through the NAT gateway; Isolated ones are isolated by design
        VPC-017 {application3} pass
        VPC-017 {application4} pass
        VPC-017 {application5} pass
        # a network load balancer balances across zones only when its attribute says so
        ELB-005 ingest-tcp-plat9c fail
        ELB-005 query-tcp-plat9c pass
        ELB-017 ingest-tcp-plat9c pass
        ELB-017 query-tcp-plat9c pass
        # the worker's tasks log to a group nobody created: ECS-009's failure, not retention's,
        # and not INV-001's (no output names the group)
        ECS-009 {task-api} pass
        ECS-009 {task-worker} fail
        ECS-010 {task-api} pass
        ECS-010 {task-worker} skip
        INV-001 stack pass
    ";
    let expected = ids.iter().fold(expected.to_string(), |text, (name, id)| {
        text.replace(name.as_str(), id)
    });
    assert_table(&actual, &rows(&expected));
}

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

/// A stack that has aged: its private subnet still routes to a NAT gateway someone deleted, one
/// security group's rule has no description (the other keeps only AWS's default egress rule
/// undescribed), the outputs name a target group that was deleted and one nothing uses, and a
/// secret sits on the AWS-managed `aws/secretsmanager` key.
async fn build_legacy(
    config: &SdkConfig,
    suffix: &str,
    dir: &Path,
) -> (PathBuf, BTreeMap<String, String>) {
    let region = config.region().unwrap().to_string();
    let ec2 = aws_sdk_ec2::Client::new(config);
    let vpc = create_vpc(&ec2, "10.60.0.0/16").await;
    let public = subnet(&ec2, &vpc, "10.60.0.0/24", &format!("{region}a"), &[]).await;
    let private = subnet(&ec2, &vpc, "10.60.10.0/24", &format!("{region}a"), &[]).await;
    let igw = internet_gateway(&ec2, &vpc).await;
    let public_table = route_table(&ec2, &vpc, &[&public]).await;
    ec2.create_route()
        .route_table_id(&public_table)
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(&igw)
        .send()
        .await
        .unwrap();
    let nat = nat_gateway(&ec2, &public).await;
    let private_table = route_table(&ec2, &vpc, &[&private]).await;
    ec2.create_route()
        .route_table_id(&private_table)
        .destination_cidr_block("0.0.0.0/0")
        .nat_gateway_id(&nat)
        .send()
        .await
        .unwrap();
    ec2.delete_nat_gateway()
        .nat_gateway_id(&nat)
        .send()
        .await
        .unwrap();

    let mut groups = Vec::new();
    for (name, description) in [
        ("described", Some("https from the office")),
        ("terse", None),
    ] {
        let group = ec2
            .create_security_group()
            .group_name(format!("legacy-{name}-{suffix}"))
            .description(name)
            .vpc_id(&vpc)
            .send()
            .await
            .unwrap();
        let group = group.group_id().unwrap().to_string();
        let range = aws_sdk_ec2::types::IpRange::builder()
            .cidr_ip("10.0.0.0/8")
            .set_description(description.map(str::to_string))
            .build();
        let rule = aws_sdk_ec2::types::IpPermission::builder()
            .ip_protocol("tcp")
            .from_port(443)
            .to_port(443)
            .ip_ranges(range)
            .build();
        ec2.authorize_security_group_ingress()
            .group_id(&group)
            .ip_permissions(rule)
            .send()
            .await
            .unwrap();
        groups.push(group);
    }

    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let mut target_groups = Vec::new();
    for name in ["old", "spare"] {
        let created = elb
            .create_target_group()
            .name(format!("legacy-{name}-{suffix}"))
            .protocol(ProtocolEnum::Http)
            .port(80)
            .target_type(TargetTypeEnum::Ip)
            .vpc_id(&vpc)
            .send()
            .await
            .unwrap();
        target_groups.push(
            created.target_groups()[0]
                .target_group_arn()
                .unwrap()
                .to_string(),
        );
    }
    elb.delete_target_group()
        .target_group_arn(&target_groups[0])
        .send()
        .await
        .unwrap();

    let secrets = aws_sdk_secretsmanager::Client::new(config);
    let secret = secrets
        .create_secret()
        .name(format!("legacy-api-token-{suffix}"))
        .secret_string("token")
        .send()
        .await
        .unwrap();
    let secret = secret.arn().unwrap().to_string();

    let outputs = serde_json::json!({
        "EnvironmentSuffix": suffix,
        "VpcId": vpc,
        "PublicSubnetId": public,
        "PrivateSubnetId": private,
        "DescribedSecurityGroupId": groups[0],
        "TerseSecurityGroupId": groups[1],
        "OldTargetGroupArn": target_groups[0],
        "SpareTargetGroupArn": target_groups[1],
        "ApiTokenSecretArn": secret,
    });
    let path = dir.join("flat-outputs.json");
    std::fs::write(&path, serde_json::to_string_pretty(&outputs).unwrap()).unwrap();
    let ids = BTreeMap::from([
        ("{private}".to_string(), private),
        ("{described}".to_string(), groups[0].clone()),
        ("{terse}".to_string(), groups[1].clone()),
        ("{old-group}".to_string(), target_groups[0].clone()),
    ]);
    (path, ids)
}

#[tokio::test]
async fn an_aged_stack_with_a_deleted_nat_gateway_and_stale_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let (outputs, ids) = build_legacy(target.sdk_config(), "old7x", dir.path()).await;
    let profile = "[encryption]\nsecrets_customer_key = true\n";
    let checks = [
        "VPC-017", "SG-007", "INV-001", "ELB-017", "ENC-006", "KMS-004",
    ];
    let actual = verdicts(&outputs, profile, &checks).await;
    // Written before the first run.
    let expected = "
        # the private subnet's default route points at a deleted NAT gateway
        VPC-017 {private} fail
        # AWS's default egress rule needs no description; a hand-made rule does
        SG-007 {described} pass
        SG-007 {terse} fail
        # the outputs name a target group that is gone, and one nothing serves
        INV-001 {old-group} fail
        ELB-017 legacy-spare-old7x fail
        # the secret is on aws/secretsmanager: ENC-006 fails it, KMS-004 judges only the stack's keys
        ENC-006 legacy-api-token-old7x fail
        KMS-004 stack skip
    ";
    let expected = ids.iter().fold(expected.to_string(), |text, (name, id)| {
        text.replace(name.as_str(), id)
    });
    assert_table(&actual, &rows(&expected));
}

fn awslogs(group: &str, region: &str, prefix: &str) -> aws_sdk_ecs::types::LogConfiguration {
    aws_sdk_ecs::types::LogConfiguration::builder()
        .log_driver(aws_sdk_ecs::types::LogDriver::Awslogs)
        .options("awslogs-group", group)
        .options("awslogs-region", region)
        .options("awslogs-stream-prefix", prefix)
        .build()
        .unwrap()
}

/// Registers a 256/512 Fargate task of one container (`role` as task and execution role).
async fn fargate_task(
    ecs: &aws_sdk_ecs::Client,
    family: impl Into<String>,
    role: Option<&String>,
    container: aws_sdk_ecs::types::ContainerDefinition,
) -> String {
    let registered = ecs
        .register_task_definition()
        .family(family)
        .set_task_role_arn(role.cloned())
        .set_execution_role_arn(role.cloned())
        .network_mode(aws_sdk_ecs::types::NetworkMode::Awsvpc)
        .requires_compatibilities(aws_sdk_ecs::types::Compatibility::Fargate)
        .cpu("256")
        .memory("512")
        .container_definitions(container)
        .send()
        .await
        .unwrap();
    let task = registered.task_definition().unwrap();
    task.task_definition_arn().unwrap().to_string()
}

async fn create_vpc(ec2: &aws_sdk_ec2::Client, cidr: impl Into<String>) -> String {
    let vpc = ec2.create_vpc().cidr_block(cidr).send().await.unwrap();
    vpc.vpc().unwrap().vpc_id().unwrap().to_string()
}

/// An internet gateway attached to `vpc`.
async fn internet_gateway(ec2: &aws_sdk_ec2::Client, vpc: &str) -> String {
    let igw = ec2.create_internet_gateway().send().await.unwrap();
    let igw = igw.internet_gateway().unwrap();
    let id = igw.internet_gateway_id().unwrap().to_string();
    (ec2.attach_internet_gateway()
        .internet_gateway_id(&id)
        .vpc_id(vpc))
    .send()
    .await
    .unwrap();
    id
}

/// A NAT gateway with a new Elastic IP in `subnet`.
async fn nat_gateway(ec2: &aws_sdk_ec2::Client, subnet: &str) -> String {
    let address = ec2.allocate_address().send().await.unwrap();
    let nat = ec2
        .create_nat_gateway()
        .subnet_id(subnet)
        .allocation_id(address.allocation_id().unwrap())
        .send()
        .await
        .unwrap();
    nat.nat_gateway()
        .unwrap()
        .nat_gateway_id()
        .unwrap()
        .to_string()
}
