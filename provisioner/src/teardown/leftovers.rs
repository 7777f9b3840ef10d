//! The leftover scan: every service listed for anything of the run (by its suffix in names and
//! tags) that still exists. A listing that fails is recorded, never read as "nothing there".

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::{Clients, short_error};

/// What the scan found still present, and the listings it could not make.
#[derive(Debug, Default)]
pub struct Scan {
    /// `kind id` of each resource of the run still present.
    pub found: Vec<String>,
    /// `(service:Operation, why)` of each listing that failed: what it would list may be there.
    pub unscanned: Vec<(String, String)>,
}

impl Scan {
    /// The listing's answer, or `None` with the failure recorded.
    async fn list<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
        &mut self,
        operation: &str,
        call: impl std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Option<T> {
        match call.await {
            Ok(answer) => Some(answer),
            Err(error) => {
                self.unscanned
                    .push((operation.to_string(), short_error(&error)));
                None
            }
        }
    }
}

/// Everything of the run (by its suffix in names and tags) that still exists, across services.
pub async fn leftovers(c: &Clients, suffix: &str) -> Scan {
    let mut scan = Scan::default();
    let tagged = aws_sdk_ec2::types::Filter::builder()
        .name("tag:stackproof:suffix")
        .values(suffix)
        .build();
    let named = |name: &str| {
        name.ends_with(&format!("-{suffix}"))
            || name.contains(&format!("-{suffix}-"))
            || name.contains(&format!("-{suffix}/"))
    };
    if let Some(out) = scan
        .list(
            "ec2:DescribeVpcs",
            c.ec2.describe_vpcs().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.vpcs()
                .iter()
                .map(|v| format!("vpc {}", v.vpc_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeSubnets",
            c.ec2.describe_subnets().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.subnets()
                .iter()
                .map(|s| format!("subnet {}", s.subnet_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeSecurityGroups",
            c.ec2
                .describe_security_groups()
                .filters(tagged.clone())
                .send(),
        )
        .await
    {
        scan.found.extend(
            out.security_groups()
                .iter()
                .map(|g| format!("security-group {}", g.group_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeNatGateways",
            c.ec2.describe_nat_gateways().filter(tagged.clone()).send(),
        )
        .await
    {
        // Emulators may ignore tag filters on this call, so the tag is checked here too.
        let ours = |n: &&aws_sdk_ec2::types::NatGateway| {
            n.tags()
                .iter()
                .any(|t| t.key() == Some("stackproof:suffix") && t.value() == Some(suffix))
        };
        let live = out.nat_gateways().iter().filter(ours).filter(|n| {
            n.state()
                .is_some_and(|s| s.as_str() != "deleted" && s.as_str() != "deleting")
        });
        scan.found.extend(
            live.map(|n| format!("nat-gateway {}", n.nat_gateway_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeAddresses",
            c.ec2.describe_addresses().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.addresses()
                .iter()
                .map(|a| format!("elastic-ip {}", a.allocation_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeInternetGateways",
            c.ec2
                .describe_internet_gateways()
                .filters(tagged.clone())
                .send(),
        )
        .await
    {
        scan.found.extend(out.internet_gateways().iter().map(|g| {
            format!(
                "internet-gateway {}",
                g.internet_gateway_id().unwrap_or_default()
            )
        }));
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeRouteTables",
            c.ec2.describe_route_tables().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.route_tables()
                .iter()
                .map(|t| format!("route-table {}", t.route_table_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeFlowLogs",
            c.ec2.describe_flow_logs().filter(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.flow_logs()
                .iter()
                .map(|f| format!("flow-log {}", f.flow_log_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeVpcEndpoints",
            c.ec2.describe_vpc_endpoints().filters(tagged).send(),
        )
        .await
    {
        let live = out.vpc_endpoints().iter().filter(|e| {
            e.state().is_some_and(|s| {
                !matches!(
                    s.as_str().to_ascii_lowercase().as_str(),
                    "deleted" | "deleting"
                )
            })
        });
        scan.found.extend(
            live.map(|e| format!("vpc-endpoint {}", e.vpc_endpoint_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list("s3:ListBuckets", c.s3.list_buckets().send())
        .await
    {
        scan.found.extend(
            out.buckets()
                .iter()
                .filter_map(|b| b.name())
                .filter(|n| named(n))
                .map(|n| format!("bucket {n}")),
        );
    }
    if let Some(out) = scan.list("iam:ListRoles", c.iam.list_roles().send()).await {
        scan.found.extend(
            out.roles()
                .iter()
                .map(|r| r.role_name())
                .filter(|n| named(n))
                .map(|n| format!("role {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "logs:DescribeLogGroups",
            c.logs.describe_log_groups().send(),
        )
        .await
    {
        scan.found.extend(
            out.log_groups()
                .iter()
                .filter_map(|g| g.log_group_name())
                .filter(|n| named(n))
                .map(|n| format!("log-group {n}")),
        );
    }
    if let Some(out) = scan
        .list("ecs:ListClusters", c.ecs.list_clusters().send())
        .await
    {
        let arns: Vec<String> = out
            .cluster_arns()
            .iter()
            .filter(|a| named(a))
            .cloned()
            .collect();
        if !arns.is_empty()
            && let Some(described) = scan
                .list(
                    "ecs:DescribeClusters",
                    c.ecs.describe_clusters().set_clusters(Some(arns)).send(),
                )
                .await
        {
            scan.found.extend(
                described
                    .clusters()
                    .iter()
                    .filter(|c| c.status() == Some("ACTIVE"))
                    .map(|c| format!("ecs-cluster {}", c.cluster_name().unwrap_or_default())),
            );
        }
    }
    if let Some(out) = scan
        .list(
            "ecs:ListTaskDefinitions",
            c.ecs
                .list_task_definitions()
                .status(aws_sdk_ecs::types::TaskDefinitionStatus::Active)
                .send(),
        )
        .await
    {
        scan.found.extend(
            out.task_definition_arns()
                .iter()
                .filter(|a| named(a.rsplit_once(':').map_or(a.as_str(), |(family, _)| family)))
                .map(|a| format!("task-definition {a}")),
        );
    }
    if let Some(out) = scan
        .list(
            "elasticloadbalancing:DescribeLoadBalancers",
            c.elb.describe_load_balancers().send(),
        )
        .await
    {
        scan.found.extend(
            out.load_balancers()
                .iter()
                .filter_map(|l| l.load_balancer_name())
                .filter(|n| named(n))
                .map(|n| format!("load-balancer {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "elasticloadbalancing:DescribeTargetGroups",
            c.elb.describe_target_groups().send(),
        )
        .await
    {
        scan.found.extend(
            out.target_groups()
                .iter()
                .filter_map(|t| t.target_group_name())
                .filter(|n| named(n))
                .map(|n| format!("target-group {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "rds:DescribeDbClusters",
            c.rds.describe_db_clusters().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_clusters()
                .iter()
                .filter_map(|d| d.db_cluster_identifier())
                .filter(|n| named(n))
                .map(|n| format!("db-cluster {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "rds:DescribeDbInstances",
            c.rds.describe_db_instances().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_instances()
                .iter()
                .filter_map(|d| d.db_instance_identifier())
                .filter(|n| named(n))
                .map(|n| format!("db-instance {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "rds:DescribeDbSubnetGroups",
            c.rds.describe_db_subnet_groups().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_subnet_groups()
                .iter()
                .filter_map(|g| g.db_subnet_group_name())
                .filter(|n| named(n))
                .map(|n| format!("db-subnet-group {n}")),
        );
    }
    if let Some(out) = scan
        .list("kms:ListAliases", c.kms.list_aliases().send())
        .await
    {
        scan.found.extend(
            out.aliases()
                .iter()
                .filter_map(|a| a.alias_name())
                .filter(|n| named(n))
                .map(|n| format!("kms-alias {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "secretsmanager:ListSecrets",
            c.secrets.list_secrets().send(),
        )
        .await
    {
        scan.found.extend(
            out.secret_list()
                .iter()
                .filter_map(|s| s.name())
                .filter(|n| named(n))
                .map(|n| format!("secret {n}")),
        );
    }
    if let Some(out) = scan
        .list("sns:ListTopics", c.sns.list_topics().send())
        .await
    {
        scan.found.extend(
            out.topics()
                .iter()
                .filter_map(|t| t.topic_arn())
                .filter(|a| named(a.rsplit(':').next().unwrap_or(a)))
                .map(|a| format!("sns-topic {a}")),
        );
    }
    if let Some(out) = scan
        .list("kinesis:ListStreams", c.kinesis.list_streams().send())
        .await
    {
        scan.found.extend(
            out.stream_names()
                .iter()
                .filter(|n| named(n))
                .map(|n| format!("kinesis-stream {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "backup:ListBackupVaults",
            c.backup.list_backup_vaults().send(),
        )
        .await
    {
        scan.found.extend(
            out.backup_vault_list()
                .iter()
                .filter_map(|v| v.backup_vault_name())
                .filter(|n| named(n))
                .map(|n| format!("backup-vault {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "backup:ListBackupPlans",
            c.backup.list_backup_plans().send(),
        )
        .await
    {
        scan.found.extend(
            out.backup_plans_list()
                .iter()
                .filter_map(|p| p.backup_plan_name())
                .filter(|n| named(n))
                .map(|n| format!("backup-plan {n}")),
        );
    }
    if let Some(out) = scan
        .list("ssm:DescribeParameters", c.ssm.describe_parameters().send())
        .await
    {
        scan.found.extend(
            out.parameters()
                .iter()
                .filter_map(|p| p.name())
                .filter(|n| n.contains(&format!("-{suffix}/")))
                .map(|n| format!("ssm-parameter {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "ec2:DescribeVpcPeeringConnections",
            c.ec2.describe_vpc_peering_connections().send(),
        )
        .await
    {
        let ours = |p: &&aws_sdk_ec2::types::VpcPeeringConnection| {
            p.tags()
                .iter()
                .any(|t| t.key() == Some("stackproof:suffix") && t.value() == Some(suffix))
        };
        let live = out
            .vpc_peering_connections()
            .iter()
            .filter(ours)
            .filter(|p| {
                p.status()
                    .and_then(|s| s.code())
                    .is_some_and(|c| c.as_str() != "deleted")
            });
        scan.found.extend(live.map(|p| {
            format!(
                "vpc-peering {}",
                p.vpc_peering_connection_id().unwrap_or_default()
            )
        }));
    }
    if let Some(out) = scan
        .list(
            "ecr:DescribeRepositories",
            c.ecr.describe_repositories().send(),
        )
        .await
    {
        scan.found.extend(
            out.repositories()
                .iter()
                .filter_map(|r| r.repository_name())
                .filter(|n| named(n))
                .map(|n| format!("ecr-repository {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "servicediscovery:ListNamespaces",
            c.discovery.list_namespaces().send(),
        )
        .await
    {
        let ours = |n: &&str| n.contains(&format!("-{suffix}."));
        scan.found.extend(
            out.namespaces()
                .iter()
                .filter_map(|n| n.name())
                .filter(ours)
                .map(|n| format!("namespace {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "acm:ListCertificates",
            c.acm.list_certificates().includes(every_key_type()).send(),
        )
        .await
    {
        let ours = |d: &&str| d.contains(&format!("-{suffix}."));
        scan.found.extend(
            out.certificate_summary_list()
                .iter()
                .filter_map(|s| s.domain_name())
                .filter(ours)
                .map(|d| format!("certificate {d}")),
        );
    }
    if let Some(out) = scan
        .list(
            "application-autoscaling:DescribeScalableTargets",
            c.autoscaling
                .describe_scalable_targets()
                .service_namespace(aws_sdk_applicationautoscaling::types::ServiceNamespace::Ecs)
                .send(),
        )
        .await
    {
        scan.found.extend(
            out.scalable_targets()
                .iter()
                .map(|t| t.resource_id())
                .filter(|r| named(r))
                .map(|r| format!("scalable-target {r}")),
        );
    }
    if let Some(out) = scan
        .list(
            "cloudwatch:DescribeAlarms",
            c.cloudwatch.describe_alarms().send(),
        )
        .await
    {
        scan.found.extend(
            out.metric_alarms()
                .iter()
                .filter_map(|a| a.alarm_name())
                .filter(|n| named(n))
                .map(|n| format!("alarm {n}")),
        );
    }
    if let Some(out) = scan
        .list(
            "cloudwatch:ListDashboards",
            c.cloudwatch.list_dashboards().send(),
        )
        .await
    {
        scan.found.extend(
            out.dashboard_entries()
                .iter()
                .filter_map(|d| d.dashboard_name())
                .filter(|n| named(n))
                .map(|n| format!("dashboard {n}")),
        );
    }
    scan
}

/// ListCertificates returns only RSA-2048 certificates unless asked for other key types (ACM API
/// reference): the run's certificate is ECDSA, and a scan blind to it would call a leak clean.
pub(crate) fn every_key_type() -> aws_sdk_acm::types::Filters {
    use aws_sdk_acm::types::KeyAlgorithm;
    aws_sdk_acm::types::Filters::builder()
        .set_key_types(Some(vec![
            KeyAlgorithm::Rsa1024,
            KeyAlgorithm::Rsa2048,
            KeyAlgorithm::Rsa3072,
            KeyAlgorithm::Rsa4096,
            KeyAlgorithm::EcPrime256v1,
            KeyAlgorithm::EcSecp384r1,
            KeyAlgorithm::EcSecp521r1,
        ]))
        .build()
}
