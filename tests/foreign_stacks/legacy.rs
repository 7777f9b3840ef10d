//! An aged stack: a deleted NAT gateway, stale outputs, an undescribed rule.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aws_config::SdkConfig;
use aws_sdk_elasticloadbalancingv2::types::{ProtocolEnum, TargetTypeEnum};

use crate::build::{
    create_vpc, default_security_group, internet_gateway, nat_gateway, route_table, subnet,
};
use crate::support::shared_target;
use crate::table::assert_whole_table;

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
    let default_group = default_security_group(&ec2, &vpc).await;
    let ids = BTreeMap::from([
        ("{vpc}".to_string(), vpc),
        ("{public}".to_string(), public),
        ("{default-sg}".to_string(), default_group),
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
    let profile = "extends = \"baseline\"\n[encryption]\nsecrets_customer_key = true\n";
    assert_whole_table(
        &outputs,
        profile,
        include_str!("expected/legacy.table"),
        &ids,
    )
    .await;
}
