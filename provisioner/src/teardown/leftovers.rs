//! The leftover scan: every service listed for anything of the run (by its suffix in names and
//! tags) that still exists. A listing that fails is recorded, never read as "nothing there".

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::{Clients, short_error, teardown_of};
use crate::ledger::{Entry, Kind};

/// What the scan found still present, and the listings it could not make.
#[derive(Debug, Default)]
pub struct Scan {
    /// Each resource of the run still present, as teardown deletes it (its ARN or id, and what
    /// its deletion needs: a gateway's VPC, a service's cluster).
    pub found: Vec<Entry>,
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

/// The operation of the leftover scan that lists `kind`, as the teardown table names it.
/// The context key of a found resource AWS is already deleting: teardown awaits it instead of
/// deleting it again.
pub const DELETING: &str = "deleting";

fn listing(kind: Kind) -> &'static str {
    teardown_of(kind).listing.unwrap_or_default()
}

/// Everything of the run (by its suffix in names and tags) that still exists in `region`,
/// across services.
pub async fn leftovers(c: &Clients, suffix: &str, region: &str) -> Scan {
    let mut scan = Scan::default();
    let found = |kind: Kind, id: &str| Entry {
        kind,
        id: id.to_string(),
        region: region.to_string(),
        context: Default::default(),
    };
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
            listing(Kind::Vpc),
            c.ec2.describe_vpcs().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.vpcs()
                .iter()
                .map(|v| found(Kind::Vpc, v.vpc_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::Subnet),
            c.ec2.describe_subnets().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.subnets()
                .iter()
                .map(|s| found(Kind::Subnet, s.subnet_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::SecurityGroup),
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
                .map(|g| found(Kind::SecurityGroup, g.group_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::NatGateway),
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
        scan.found
            .extend(live.map(|n| found(Kind::NatGateway, n.nat_gateway_id().unwrap_or_default())));
    }
    if let Some(out) = scan
        .list(
            listing(Kind::ElasticIp),
            c.ec2.describe_addresses().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.addresses()
                .iter()
                .map(|a| found(Kind::ElasticIp, a.allocation_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::InternetGateway),
            c.ec2
                .describe_internet_gateways()
                .filters(tagged.clone())
                .send(),
        )
        .await
    {
        scan.found.extend(out.internet_gateways().iter().map(|g| {
            let mut gateway = found(
                Kind::InternetGateway,
                g.internet_gateway_id().unwrap_or_default(),
            );
            // Detached from its VPC before it is deleted.
            if let Some(vpc) = g.attachments().iter().find_map(|a| a.vpc_id()) {
                gateway.context.insert("vpc".into(), vpc.to_string());
            }
            gateway
        }));
    }
    if let Some(out) = scan
        .list(
            listing(Kind::RouteTable),
            c.ec2.describe_route_tables().filters(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.route_tables()
                .iter()
                .map(|t| found(Kind::RouteTable, t.route_table_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::FlowLog),
            c.ec2.describe_flow_logs().filter(tagged.clone()).send(),
        )
        .await
    {
        scan.found.extend(
            out.flow_logs()
                .iter()
                .map(|f| found(Kind::FlowLog, f.flow_log_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::VpcEndpoint),
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
            live.map(|e| found(Kind::VpcEndpoint, e.vpc_endpoint_id().unwrap_or_default())),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::Bucket), c.s3.list_buckets().send())
        .await
    {
        scan.found.extend(
            out.buckets()
                .iter()
                .filter_map(|b| b.name())
                .filter(|n| named(n))
                .map(|n| found(Kind::Bucket, n)),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::Role), c.iam.list_roles().send())
        .await
    {
        scan.found.extend(
            out.roles()
                .iter()
                .map(|r| r.role_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::Role, n)),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::LogGroup), c.logs.describe_log_groups().send())
        .await
    {
        scan.found.extend(
            out.log_groups()
                .iter()
                .filter_map(|g| g.log_group_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::LogGroup, n)),
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
                    listing(Kind::EcsCluster),
                    c.ecs.describe_clusters().set_clusters(Some(arns)).send(),
                )
                .await
        {
            let active: Vec<String> = (described.clusters().iter())
                .filter(|c| c.status() == Some("ACTIVE"))
                .filter_map(|c| c.cluster_name().map(str::to_string))
                .collect();
            // A cluster is deleted only once its services are. A service already draining is
            // awaited, not deleted again; an inactive one is gone.
            for cluster in &active {
                let Some(services) = scan
                    .list(
                        listing(Kind::EcsService),
                        c.ecs.list_services().cluster(cluster).send(),
                    )
                    .await
                else {
                    continue;
                };
                for arns in services.service_arns().chunks(10) {
                    let describe = (c.ecs.describe_services().cluster(cluster))
                        .set_services(Some(arns.to_vec()));
                    let Some(described) = scan.list("ecs:DescribeServices", describe.send()).await
                    else {
                        continue;
                    };
                    for service in described.services() {
                        let (Some(arn), Some(status)) = (service.service_arn(), service.status())
                        else {
                            continue;
                        };
                        if status == "INACTIVE" {
                            continue;
                        }
                        let mut entry = found(Kind::EcsService, arn);
                        entry.context.insert("cluster".into(), cluster.clone());
                        if status == "DRAINING" {
                            entry.context.insert(DELETING.into(), "true".into());
                        }
                        scan.found.push(entry);
                    }
                }
            }
            scan.found
                .extend(active.iter().map(|name| found(Kind::EcsCluster, name)));
        }
    }
    if let Some(out) = scan
        .list(
            listing(Kind::TaskDefinition),
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
                .map(|a| found(Kind::TaskDefinition, a)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::LoadBalancer),
            c.elb.describe_load_balancers().send(),
        )
        .await
    {
        scan.found.extend(
            (out.load_balancers().iter())
                .filter(|l| l.load_balancer_name().is_some_and(named))
                .filter_map(|l| l.load_balancer_arn())
                .map(|arn| found(Kind::LoadBalancer, arn)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::TargetGroup),
            c.elb.describe_target_groups().send(),
        )
        .await
    {
        scan.found.extend(
            (out.target_groups().iter())
                .filter(|t| t.target_group_name().is_some_and(named))
                .filter_map(|t| t.target_group_arn())
                .map(|arn| found(Kind::TargetGroup, arn)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::DbCluster),
            c.rds.describe_db_clusters().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_clusters()
                .iter()
                .filter_map(|d| d.db_cluster_identifier())
                .filter(|n| named(n))
                .map(|n| found(Kind::DbCluster, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::DbInstance),
            c.rds.describe_db_instances().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_instances()
                .iter()
                .filter_map(|d| d.db_instance_identifier())
                .filter(|n| named(n))
                .map(|n| found(Kind::DbInstance, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::DbSubnetGroup),
            c.rds.describe_db_subnet_groups().send(),
        )
        .await
    {
        scan.found.extend(
            out.db_subnet_groups()
                .iter()
                .filter_map(|g| g.db_subnet_group_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::DbSubnetGroup, n)),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::KmsAlias), c.kms.list_aliases().send())
        .await
    {
        let ours = (out.aliases().iter()).filter(|a| a.alias_name().is_some_and(named));
        for alias in ours {
            scan.found.push(found(
                Kind::KmsAlias,
                alias.alias_name().unwrap_or_default(),
            ));
        }
    }
    // Keys by their tag (one made but killed before its alias has no name to find it by).
    if let Some(out) = scan
        .list(listing(Kind::KmsKey), c.kms.list_keys().send())
        .await
    {
        for key in out.keys().iter().filter_map(|k| k.key_id()) {
            let Some(tags) = scan
                .list(
                    "kms:ListResourceTags",
                    c.kms.list_resource_tags().key_id(key).send(),
                )
                .await
            else {
                continue;
            };
            let tagged = (tags.tags().iter())
                .any(|t| t.tag_key() == "stackproof:suffix" && t.tag_value() == suffix);
            if !tagged {
                continue;
            }
            let state = scan
                .list("kms:DescribeKey", c.kms.describe_key().key_id(key).send())
                .await
                .and_then(|d| d.key_metadata().and_then(|m| m.key_state().cloned()));
            // A key already scheduled for deletion is on its way out (AWS keeps it 7–30 days).
            if state.is_some_and(|s| s != aws_sdk_kms::types::KeyState::PendingDeletion) {
                scan.found.push(found(Kind::KmsKey, key));
            }
        }
    }
    if let Some(out) = scan
        .list(listing(Kind::Secret), c.secrets.list_secrets().send())
        .await
    {
        scan.found.extend(
            out.secret_list()
                .iter()
                .filter_map(|s| s.name())
                .filter(|n| named(n))
                .map(|n| found(Kind::Secret, n)),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::SnsTopic), c.sns.list_topics().send())
        .await
    {
        scan.found.extend(
            out.topics()
                .iter()
                .filter_map(|t| t.topic_arn())
                .filter(|a| named(a.rsplit(':').next().unwrap_or(a)))
                .map(|a| found(Kind::SnsTopic, a)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::KinesisStream),
            c.kinesis.list_streams().send(),
        )
        .await
    {
        scan.found.extend(
            out.stream_names()
                .iter()
                .filter(|n| named(n))
                .map(|n| found(Kind::KinesisStream, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::BackupVault),
            c.backup.list_backup_vaults().send(),
        )
        .await
    {
        scan.found.extend(
            out.backup_vault_list()
                .iter()
                .filter_map(|v| v.backup_vault_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::BackupVault, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::BackupPlan),
            c.backup.list_backup_plans().send(),
        )
        .await
    {
        scan.found.extend(
            out.backup_plans_list()
                .iter()
                .filter_map(|p| p.backup_plan_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::BackupPlan, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::SsmParameter),
            c.ssm.describe_parameters().send(),
        )
        .await
    {
        scan.found.extend(
            out.parameters()
                .iter()
                .filter_map(|p| p.name())
                .filter(|n| n.contains(&format!("-{suffix}/")))
                .map(|n| found(Kind::SsmParameter, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::VpcPeering),
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
            found(
                Kind::VpcPeering,
                p.vpc_peering_connection_id().unwrap_or_default(),
            )
        }));
    }
    if let Some(out) = scan
        .list(
            listing(Kind::EcrRepository),
            c.ecr.describe_repositories().send(),
        )
        .await
    {
        scan.found.extend(
            out.repositories()
                .iter()
                .filter_map(|r| r.repository_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::EcrRepository, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::Namespace),
            c.discovery.list_namespaces().send(),
        )
        .await
    {
        let ours = |n: &&str| n.contains(&format!("-{suffix}."));
        let namespaces: Vec<String> = (out.namespaces().iter())
            .filter(|n| n.name().is_some_and(|name| ours(&name)))
            .filter_map(|n| n.id().map(str::to_string))
            .collect();
        // A namespace is deleted only once its services are.
        for namespace in &namespaces {
            let in_namespace = aws_sdk_servicediscovery::types::ServiceFilter::builder()
                .name(aws_sdk_servicediscovery::types::ServiceFilterName::NamespaceId)
                .values(namespace)
                .build();
            if let Ok(filter) = in_namespace
                && let Some(services) = scan
                    .list(
                        listing(Kind::DiscoveryService),
                        c.discovery.list_services().filters(filter).send(),
                    )
                    .await
            {
                scan.found.extend(
                    (services.services().iter())
                        .filter_map(|s| s.id())
                        .map(|id| found(Kind::DiscoveryService, id)),
                );
            }
        }
        scan.found
            .extend(namespaces.iter().map(|id| found(Kind::Namespace, id)));
    }
    if let Some(out) = scan
        .list(
            listing(Kind::Certificate),
            c.acm.list_certificates().includes(every_key_type()).send(),
        )
        .await
    {
        let ours = |d: &&str| d.contains(&format!("-{suffix}."));
        scan.found.extend(
            (out.certificate_summary_list().iter())
                .filter(|s| s.domain_name().is_some_and(|d| ours(&d)))
                .filter_map(|s| s.certificate_arn())
                .map(|arn| found(Kind::Certificate, arn)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::ScalableTarget),
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
                .map(|r| found(Kind::ScalableTarget, r)),
        );
    }
    if let Some(out) = scan
        .list(listing(Kind::Alarm), c.cloudwatch.describe_alarms().send())
        .await
    {
        scan.found.extend(
            out.metric_alarms()
                .iter()
                .filter_map(|a| a.alarm_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::Alarm, n)),
        );
    }
    if let Some(out) = scan
        .list(
            listing(Kind::Dashboard),
            c.cloudwatch.list_dashboards().send(),
        )
        .await
    {
        scan.found.extend(
            out.dashboard_entries()
                .iter()
                .filter_map(|d| d.dashboard_name())
                .filter(|n| named(n))
                .map(|n| found(Kind::Dashboard, n)),
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
