//! An independent listing of what a run left behind: the services asked directly for anything
//! tagged or named with the run's suffix — written apart from teardown's own leftover scan, so
//! a blind spot of the scan is not repeated here.

use aws_config::SdkConfig;

/// `service kind id` of everything of the run (by `suffix`) still present in `config`'s region.
pub async fn left_behind(config: &SdkConfig, suffix: &str) -> Vec<String> {
    let ours = |name: &str| name.contains(&format!("-{suffix}"));
    let mut left = Vec::new();
    let ec2 = aws_sdk_ec2::Client::new(config);
    let tagged = aws_sdk_ec2::types::Filter::builder()
        .name("tag:stackproof:suffix")
        .values(suffix)
        .build();
    let vpcs = ec2
        .describe_vpcs()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    for vpc in vpcs.vpcs().iter().filter_map(|v| v.vpc_id()) {
        left.push(format!(
            "ec2 vpc {vpc} holding {:?}",
            in_vpc(&ec2, vpc).await
        ));
    }
    let subnets = ec2
        .describe_subnets()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend(
        (subnets.subnets().iter())
            .map(|s| format!("ec2 subnet {}", s.subnet_id().unwrap_or_default())),
    );
    let groups = ec2
        .describe_security_groups()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend(
        (groups.security_groups().iter())
            .map(|g| format!("ec2 security-group {}", g.group_id().unwrap_or_default())),
    );
    let gateways = ec2
        .describe_internet_gateways()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend((gateways.internet_gateways().iter()).map(|g| {
        format!(
            "ec2 internet-gateway {}",
            g.internet_gateway_id().unwrap_or_default()
        )
    }));
    let addresses = ec2
        .describe_addresses()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend(
        (addresses.addresses().iter())
            .map(|a| format!("ec2 address {}", a.allocation_id().unwrap_or_default())),
    );
    let tables = ec2
        .describe_route_tables()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend(
        (tables.route_tables().iter())
            .map(|t| format!("ec2 route-table {}", t.route_table_id().unwrap_or_default())),
    );
    let nats = ec2.describe_nat_gateways().send().await.unwrap();
    left.extend(
        (nats.nat_gateways().iter())
            .filter(|n| {
                n.tags()
                    .iter()
                    .any(|t| t.key() == Some("stackproof:suffix") && t.value() == Some(suffix))
            })
            .filter(|n| n.state().is_some_and(|s| s.as_str() != "deleted"))
            .map(|n| format!("ec2 nat-gateway {}", n.nat_gateway_id().unwrap_or_default())),
    );
    let endpoints = ec2
        .describe_vpc_endpoints()
        .filters(tagged.clone())
        .send()
        .await
        .unwrap();
    left.extend(
        (endpoints.vpc_endpoints().iter())
            .filter(|e| {
                e.state()
                    .is_some_and(|s| !s.as_str().eq_ignore_ascii_case("deleted"))
            })
            .map(|e| {
                format!(
                    "ec2 vpc-endpoint {}",
                    e.vpc_endpoint_id().unwrap_or_default()
                )
            }),
    );
    let peerings = ec2
        .describe_vpc_peering_connections()
        .filters(tagged)
        .send()
        .await
        .unwrap();
    left.extend(
        (peerings.vpc_peering_connections().iter())
            // The emulator ignores the tag filter on this call: without the check here, a
            // peering of another test's run on the same emulator would count as this run's.
            .filter(|p| {
                (p.tags().iter())
                    .any(|t| t.key() == Some("stackproof:suffix") && t.value() == Some(suffix))
            })
            .filter(|p| {
                p.status()
                    .and_then(|s| s.code())
                    .is_some_and(|c| c.as_str() != "deleted")
            })
            .map(|p| {
                format!(
                    "ec2 peering {}",
                    p.vpc_peering_connection_id().unwrap_or_default()
                )
            }),
    );

    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(config)
            .force_path_style(true)
            .build(),
    );
    let buckets = s3.list_buckets().send().await.unwrap();
    left.extend(
        (buckets.buckets().iter())
            .filter_map(|b| b.name())
            .filter(|n| ours(n))
            .map(|n| format!("s3 bucket {n}")),
    );
    let iam = aws_sdk_iam::Client::new(config);
    let roles = iam.list_roles().send().await.unwrap();
    left.extend(
        (roles.roles().iter())
            .map(|r| r.role_name())
            .filter(|n| ours(n))
            .map(|n| format!("iam role {n}")),
    );
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    let groups = logs.describe_log_groups().send().await.unwrap();
    left.extend(
        (groups.log_groups().iter())
            .filter_map(|g| g.log_group_name())
            .filter(|n| ours(n))
            .map(|n| format!("logs group {n}")),
    );
    let ecs = aws_sdk_ecs::Client::new(config);
    let clusters = ecs.list_clusters().send().await.unwrap();
    let named: Vec<String> = (clusters.cluster_arns().iter())
        .filter(|a| ours(a))
        .cloned()
        .collect();
    if !named.is_empty() {
        let described = ecs
            .describe_clusters()
            .set_clusters(Some(named))
            .send()
            .await
            .unwrap();
        left.extend(
            (described.clusters().iter())
                .filter(|c| c.status() == Some("ACTIVE"))
                .map(|c| format!("ecs cluster {}", c.cluster_name().unwrap_or_default())),
        );
    }
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let balancers = elb.describe_load_balancers().send().await.unwrap();
    left.extend(
        (balancers.load_balancers().iter())
            .filter_map(|l| l.load_balancer_name())
            .filter(|n| ours(n))
            .map(|n| format!("elb load-balancer {n}")),
    );
    let target_groups = elb.describe_target_groups().send().await.unwrap();
    left.extend(
        (target_groups.target_groups().iter())
            .filter_map(|t| t.target_group_name())
            .filter(|n| ours(n))
            .map(|n| format!("elb target-group {n}")),
    );
    let rds = aws_sdk_rds::Client::new(config);
    let clusters = rds.describe_db_clusters().send().await.unwrap();
    left.extend(
        (clusters.db_clusters().iter())
            .filter_map(|c| c.db_cluster_identifier())
            .filter(|n| ours(n))
            .map(|n| format!("rds cluster {n}")),
    );
    let instances = rds.describe_db_instances().send().await.unwrap();
    left.extend(
        (instances.db_instances().iter())
            .filter_map(|i| i.db_instance_identifier())
            .filter(|n| ours(n))
            .map(|n| format!("rds instance {n}")),
    );
    let subnet_groups = rds.describe_db_subnet_groups().send().await.unwrap();
    left.extend(
        (subnet_groups.db_subnet_groups().iter())
            .filter_map(|g| g.db_subnet_group_name())
            .filter(|n| ours(n))
            .map(|n| format!("rds subnet-group {n}")),
    );
    let kms = aws_sdk_kms::Client::new(config);
    let aliases = kms.list_aliases().send().await.unwrap();
    left.extend(
        (aliases.aliases().iter())
            .filter_map(|a| a.alias_name())
            .filter(|n| ours(n))
            .map(|n| format!("kms alias {n}")),
    );
    for key in (kms.list_keys().send().await.unwrap().keys().iter()).filter_map(|k| k.key_id()) {
        let tags = kms.list_resource_tags().key_id(key).send().await.unwrap();
        let tagged = (tags.tags().iter())
            .any(|t| t.tag_key() == "stackproof:suffix" && t.tag_value() == suffix);
        let described = kms.describe_key().key_id(key).send().await.unwrap();
        let state = described
            .key_metadata()
            .and_then(|m| m.key_state().cloned());
        if tagged && state != Some(aws_sdk_kms::types::KeyState::PendingDeletion) {
            left.push(format!("kms key {key}"));
        }
    }
    let secrets = aws_sdk_secretsmanager::Client::new(config);
    let listed = secrets.list_secrets().send().await.unwrap();
    left.extend(
        (listed.secret_list().iter())
            .filter_map(|s| s.name())
            .filter(|n| ours(n))
            .map(|n| format!("secretsmanager secret {n}")),
    );
    let sns = aws_sdk_sns::Client::new(config);
    let topics = sns.list_topics().send().await.unwrap();
    left.extend(
        (topics.topics().iter())
            .filter_map(|t| t.topic_arn())
            .filter(|a| ours(a))
            .map(|a| format!("sns topic {a}")),
    );
    let ecr = aws_sdk_ecr::Client::new(config);
    let repositories = ecr.describe_repositories().send().await.unwrap();
    left.extend(
        (repositories.repositories().iter())
            .filter_map(|r| r.repository_name())
            .filter(|n| ours(n))
            .map(|n| format!("ecr repository {n}")),
    );
    let ssm = aws_sdk_ssm::Client::new(config);
    let parameters = ssm.describe_parameters().send().await.unwrap();
    left.extend(
        (parameters.parameters().iter())
            .filter_map(|p| p.name())
            .filter(|n| ours(n))
            .map(|n| format!("ssm parameter {n}")),
    );
    let cloudwatch = aws_sdk_cloudwatch::Client::new(config);
    let alarms = cloudwatch.describe_alarms().send().await.unwrap();
    left.extend(
        (alarms.metric_alarms().iter())
            .filter_map(|a| a.alarm_name())
            .filter(|n| ours(n))
            .map(|n| format!("cloudwatch alarm {n}")),
    );
    let dashboards = cloudwatch.list_dashboards().send().await.unwrap();
    left.extend(
        (dashboards.dashboard_entries().iter())
            .filter_map(|d| d.dashboard_name())
            .filter(|n| ours(n))
            .map(|n| format!("cloudwatch dashboard {n}")),
    );
    let discovery = aws_sdk_servicediscovery::Client::new(config);
    let namespaces = discovery.list_namespaces().send().await.unwrap();
    left.extend(
        (namespaces.namespaces().iter())
            .filter_map(|n| n.name())
            .filter(|n| ours(n))
            .map(|n| format!("servicediscovery namespace {n}")),
    );
    let scaling = aws_sdk_applicationautoscaling::Client::new(config);
    let targets = scaling
        .describe_scalable_targets()
        .service_namespace(aws_sdk_applicationautoscaling::types::ServiceNamespace::Ecs)
        .send()
        .await
        .unwrap();
    left.extend(
        (targets.scalable_targets().iter())
            .map(|t| t.resource_id())
            .filter(|r| ours(r))
            .map(|r| format!("application-autoscaling target {r}")),
    );
    left
}

/// What a VPC still holds (whatever its tags), for the message when the VPC is left.
async fn in_vpc(ec2: &aws_sdk_ec2::Client, vpc: &str) -> Vec<String> {
    let of_vpc = || {
        aws_sdk_ec2::types::Filter::builder()
            .name("vpc-id")
            .values(vpc)
            .build()
    };
    let mut held = Vec::new();
    let subnets = ec2
        .describe_subnets()
        .filters(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend(
        (subnets.subnets().iter()).map(|s| format!("subnet {}", s.subnet_id().unwrap_or_default())),
    );
    let groups = ec2
        .describe_security_groups()
        .filters(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend(
        (groups.security_groups().iter())
            .filter(|g| g.group_name() != Some("default"))
            .map(|g| format!("sg {}", g.group_id().unwrap_or_default())),
    );
    let tables = ec2
        .describe_route_tables()
        .filters(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend(
        (tables.route_tables().iter())
            .filter(|t| !t.associations().iter().any(|a| a.main() == Some(true)))
            .map(|t| format!("route-table {}", t.route_table_id().unwrap_or_default())),
    );
    let attached = aws_sdk_ec2::types::Filter::builder()
        .name("attachment.vpc-id")
        .values(vpc)
        .build();
    let gateways = ec2
        .describe_internet_gateways()
        .filters(attached)
        .send()
        .await
        .unwrap();
    held.extend(
        (gateways.internet_gateways().iter())
            .map(|g| format!("igw {}", g.internet_gateway_id().unwrap_or_default())),
    );
    let nats = ec2
        .describe_nat_gateways()
        .filter(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend((nats.nat_gateways().iter()).map(|n| {
        format!(
            "nat {} {:?}",
            n.nat_gateway_id().unwrap_or_default(),
            n.state()
        )
    }));
    let endpoints = ec2
        .describe_vpc_endpoints()
        .filters(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend(
        (endpoints.vpc_endpoints().iter())
            .map(|e| format!("endpoint {}", e.vpc_endpoint_id().unwrap_or_default())),
    );
    let interfaces = ec2
        .describe_network_interfaces()
        .filters(of_vpc())
        .send()
        .await
        .unwrap();
    held.extend((interfaces.network_interfaces().iter()).map(|i| {
        format!(
            "eni {} {:?}",
            i.network_interface_id().unwrap_or_default(),
            i.description()
        )
    }));
    let flow_logs = ec2.describe_flow_logs().send().await.unwrap();
    held.extend(
        (flow_logs.flow_logs().iter())
            .filter(|f| f.resource_id() == Some(vpc))
            .map(|f| {
                format!(
                    "flow-log {} {:?}",
                    f.flow_log_id().unwrap_or_default(),
                    f.tags()
                )
            }),
    );
    let peerings = ec2.describe_vpc_peering_connections().send().await.unwrap();
    held.extend(
        (peerings.vpc_peering_connections().iter())
            .filter(|p| {
                p.requester_vpc_info().and_then(|v| v.vpc_id()) == Some(vpc)
                    || p.accepter_vpc_info().and_then(|v| v.vpc_id()) == Some(vpc)
            })
            .map(|p| {
                format!(
                    "peering {} {:?}",
                    p.vpc_peering_connection_id().unwrap_or_default(),
                    p.status().and_then(|s| s.code())
                )
            }),
    );
    held
}
