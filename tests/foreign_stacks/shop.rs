//! A four-tier shop with two load balancers and borrowed keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aws_config::SdkConfig;
use aws_sdk_ec2::types::VpcEndpointType;
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, LoadBalancerSchemeEnum, ProtocolEnum, TargetGroupAttribute,
    TargetTypeEnum,
};

use crate::build::{
    create_vpc, default_security_group, internet_gateway, nat_gateway, route_table, subnet,
};
use crate::support::shared_target;
use crate::table::assert_whole_table;

struct Network {
    vpc: String,
    /// tier → [zone a, zone b]
    subnets: BTreeMap<&'static str, Vec<String>>,
    tables: BTreeMap<&'static str, String>,
    /// tier the NAT gateway serves → its id
    nats: BTreeMap<&'static str, String>,
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
        nats: Default::default(),
    };
    for (index, tier) in ["public", "app", "worker", "db"].into_iter().enumerate() {
        let mut subnets = Vec::new();
        for (offset, zone) in ["a", "b"].into_iter().enumerate() {
            let zone = format!("{region}{zone}");
            let cidr = format!("{cidr}.{}.0/24", index * 10 + offset);
            let name = format!("shop-{tier}-{zone}");
            subnets.push(subnet(ec2, &network.vpc, &cidr, &zone, &[("Name", &name)]).await);
        }
        let table = route_table(ec2, &network.vpc, &subnets.iter().collect::<Vec<_>>()).await;
        network.tables.insert(tier, table);
        network.subnets.insert(tier, subnets);
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
            .nat_gateway_id(&nat)
            .send()
            .await
            .unwrap();
        network.nats.insert(tier, nat);
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

/// Peers the shop with two other teams' VPCs (10.90/16, 10.91/16), both accepted: the app
/// tier's table routes to the first; nothing routes to the second. Returns both peering ids.
async fn peer_with_shared_services(ec2: &aws_sdk_ec2::Client, network: &Network) -> Vec<String> {
    let mut peerings = Vec::new();
    for cidr in ["10.90.0.0/16", "10.91.0.0/16"] {
        let peer = create_vpc(ec2, cidr).await;
        let requested = ec2
            .create_vpc_peering_connection()
            .vpc_id(&network.vpc)
            .peer_vpc_id(peer)
            .send()
            .await
            .unwrap();
        let id = requested.vpc_peering_connection().unwrap();
        let id = id.vpc_peering_connection_id().unwrap().to_string();
        ec2.accept_vpc_peering_connection()
            .vpc_peering_connection_id(&id)
            .send()
            .await
            .unwrap();
        peerings.push(id);
    }
    ec2.create_route()
        .route_table_id(&network.tables["app"])
        .destination_cidr_block("10.90.0.0/16")
        .vpc_peering_connection_id(&peerings[0])
        .send()
        .await
        .unwrap();
    peerings
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
    let peerings = peer_with_shared_services(&ec2, &network).await;
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
    for (tier, nat) in &network.nats {
        ids.insert(format!("{{nat-{tier}}}"), nat.clone());
    }
    for (name, peering) in ["routed", "unrouted"].into_iter().zip(peerings) {
        ids.insert(format!("{{pcx-{name}}}"), peering);
    }
    ids.insert("{vpc}".into(), network.vpc.clone());
    ids.insert("{alb-sg}".into(), group);
    ids.insert(
        "{default-sg}".into(),
        default_security_group(&ec2, &network.vpc).await,
    );
    (path, ids)
}

#[tokio::test]
async fn a_four_tier_shop_with_two_load_balancers_and_borrowed_keys() {
    let dir = tempfile::tempdir().unwrap();
    let target = shared_target().await;
    let (outputs, ids) = build_shop(target.sdk_config(), "shop4t", dir.path()).await;
    let profile = "extends = \"baseline\"\n[network]\nmin_peering_connections = 2\n\
                   [encryption]\ndatabase_customer_key = true\n";
    assert_whole_table(&outputs, profile, include_str!("expected/shop.table"), &ids).await;
}
