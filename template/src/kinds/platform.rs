//! Log groups, SNS topics, alarms, dashboards, ECR repositories, Cloud Map, SSM parameters.

use stackproof_checks::inventory::{
    Alarm, CloudMapNamespace, CloudMapService, Dashboard, EcrRepository, LogGroup, SnsTopic,
    SsmParameter,
};

use crate::build::{Builder, Res};

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::Logs::LogGroup" => b.push(
            r,
            |i| &mut i.log_groups,
            LogGroup {
                name: r.name.clone(),
                arn: Some(r.arn.clone()),
                retention_days: p.i32("RetentionInDays"),
                kms_key_id: p.text("KmsKeyId"),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::SNS::Topic" => b.push(
            r,
            |i| &mut i.sns_topics,
            SnsTopic {
                arn: r.arn.clone(),
                name: r.name.clone(),
                kms_master_key_id: p.text("KmsMasterKeyId"),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::CloudWatch::Alarm" => b.push(
            r,
            |i| &mut i.alarms,
            Alarm {
                name: r.name.clone(),
                arn: r.arn.clone(),
                namespace: p.text("Namespace"),
                metric_name: p.text("MetricName"),
                threshold: p.float("Threshold"),
                comparison: p.text("ComparisonOperator"),
                actions_enabled: p.flag("ActionsEnabled").unwrap_or(true),
                alarm_actions: p.texts("AlarmActions"),
                ..Default::default()
            },
        ),
        "AWS::CloudWatch::Dashboard" => b.push(
            r,
            |i| &mut i.dashboards,
            Dashboard {
                name: r.name.clone(),
                arn: r.arn.clone(),
                body: p.document("DashboardBody"),
                ..Default::default()
            },
        ),
        "AWS::ECR::Repository" => {
            let encryption = p.child("EncryptionConfiguration");
            b.push(
                r,
                |i| &mut i.ecr_repositories,
                EcrRepository {
                    name: r.name.clone(),
                    arn: r.arn.clone(),
                    uri: r.attribute("RepositoryUri"),
                    tag_mutability: p
                        .text("ImageTagMutability")
                        .unwrap_or_else(|| "MUTABLE".into()),
                    scan_on_push: p
                        .child("ImageScanningConfiguration")
                        .and_then(|s| s.flag("ScanOnPush"))
                        .unwrap_or(false),
                    encryption_type: encryption
                        .and_then(|e| e.text("EncryptionType"))
                        .or_else(|| Some("AES256".into())),
                    kms_key: encryption.and_then(|e| e.text("KmsKey")),
                    lifecycle_policy: p
                        .child("LifecyclePolicy")
                        .and_then(|l| l.document("LifecyclePolicyText")),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::ServiceDiscovery::PrivateDnsNamespace"
        | "AWS::ServiceDiscovery::PublicDnsNamespace"
        | "AWS::ServiceDiscovery::HttpNamespace" => {
            let namespace_type = match r.kind {
                "AWS::ServiceDiscovery::PrivateDnsNamespace" => "DNS_PRIVATE",
                "AWS::ServiceDiscovery::PublicDnsNamespace" => "DNS_PUBLIC",
                _ => "HTTP",
            };
            b.push(
                r,
                |i| &mut i.cloud_map_namespaces,
                CloudMapNamespace {
                    id: r.id.clone(),
                    arn: r.arn.clone(),
                    name: r.name.clone(),
                    namespace_type: namespace_type.into(),
                    ..Default::default()
                },
            )
        }
        "AWS::ServiceDiscovery::Service" => {
            let dns = p.child("DnsConfig");
            b.push(
                r,
                |i| &mut i.cloud_map_services,
                CloudMapService {
                    id: r.id.clone(),
                    arn: r.arn.clone(),
                    name: r.name.clone(),
                    namespace_id: p
                        .text("NamespaceId")
                        .or_else(|| dns.and_then(|d| d.text("NamespaceId")))
                        .unwrap_or_default(),
                    dns_record_types: (dns.into_iter())
                        .flat_map(|d| d.children("DnsRecords"))
                        .filter_map(|record| record.text("Type"))
                        .collect(),
                    ..Default::default()
                },
            )
        }
        "AWS::SSM::Parameter" => b.push(
            r,
            |i| &mut i.ssm_parameters,
            SsmParameter {
                name: r.name.clone(),
                parameter_type: p.text("Type").unwrap_or_else(|| "String".into()),
                version: 1,
                ..Default::default()
            },
        ),
        _ => {}
    }
}
