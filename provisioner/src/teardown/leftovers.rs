//! The leftover scan's listings: for each kind, how to find what of the run (by its suffix in
//! names and tags) still exists in a region. The teardown table ([`super::kinds`]) names each
//! kind's scanner; a listing that fails is recorded, never read as "nothing there".

use std::future::Future;
use std::pin::Pin;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::ledger::{Entry, Kind};
use stackproof_clients::AwsClients as Clients;
use stackproof_clients::errors::one_line;

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
        call: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Option<T> {
        match call.await {
            Ok(answer) => Some(answer),
            Err(error) => {
                self.unscanned
                    .push((operation.to_string(), one_line(&error)));
                None
            }
        }
    }
}

/// The context key of a found resource AWS is already deleting: teardown awaits it instead of
/// deleting it again.
pub const DELETING: &str = "deleting";

/// Where a scan looks: one region's clients, for one run.
pub struct Scope<'a> {
    pub c: &'a Clients,
    pub suffix: &'a str,
    pub region: &'a str,
}

impl Scope<'_> {
    /// A resource of `kind` found in the scope's region.
    fn found(&self, kind: Kind, id: &str) -> Entry {
        Entry {
            kind,
            id: id.to_string(),
            region: self.region.to_string(),
            context: Default::default(),
        }
    }

    /// Whether a name carries the run's suffix (`orders-x1`, `orders-x1-db`, `/ecs/app-x1/…`).
    fn named(&self, name: &str) -> bool {
        let suffix = self.suffix;
        name.ends_with(&format!("-{suffix}"))
            || name.contains(&format!("-{suffix}-"))
            || name.contains(&format!("-{suffix}/"))
    }

    /// The names among `names` that carry the run's suffix, as found resources of `kind`.
    fn named_ones<'n>(&self, kind: Kind, names: impl IntoIterator<Item = &'n str>) -> Vec<Entry> {
        (names.into_iter())
            .filter(|name| self.named(name))
            .map(|name| self.found(kind, name))
            .collect()
    }

    /// EC2's filter on the run's tag.
    fn tagged(&self) -> aws_sdk_ec2::types::Filter {
        aws_sdk_ec2::types::Filter::builder()
            .name("tag:stackproof:suffix")
            .values(self.suffix)
            .build()
    }

    /// Whether EC2 tags carry the run's tag (emulators may ignore tag filters on some calls).
    fn tags_ours(&self, tags: &[aws_sdk_ec2::types::Tag]) -> bool {
        (tags.iter())
            .any(|t| t.key() == Some("stackproof:suffix") && t.value() == Some(self.suffix))
    }
}

/// A listing on its way.
pub type Scanning<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// A kind's listing: adds what of the run it finds (and what it could not list) to the scan;
/// `operation` is the listing's `service:Operation` as the teardown table names it.
pub type Scanner = for<'a> fn(&'a Scope<'a>, &'a mut Scan, &'static str) -> Scanning<'a>;

/// Scanner functions of the [`Scanner`] type, each an async body.
macro_rules! scanners {
    ($($(#[$doc:meta])* $name:ident($s:ident, $scan:ident, $op:ident) $body:block)*) => {
        $(
            $(#[$doc])*
            pub fn $name<'a>($s: &'a Scope<'a>, $scan: &'a mut Scan, $op: &'static str) -> Scanning<'a> {
                Box::pin(async move $body)
            }
        )*
    };
}

scanners! {
    vpcs(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.ec2.describe_vpcs().filters(s.tagged()).send()).await {
            let ids = out.vpcs().iter().map(|v| v.vpc_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::Vpc, id)));
        }
    }
    subnets(s, scan, op) {
        let listing = s.c.ec2.describe_subnets().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ids = out.subnets().iter().map(|v| v.subnet_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::Subnet, id)));
        }
    }
    security_groups(s, scan, op) {
        let listing = s.c.ec2.describe_security_groups().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ids = out.security_groups().iter().map(|g| g.group_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::SecurityGroup, id)));
        }
    }
    nat_gateways(s, scan, op) {
        let listing = s.c.ec2.describe_nat_gateways().filter(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let live = (out.nat_gateways().iter())
                .filter(|n| s.tags_ours(n.tags()))
                .filter(|n| {
                    n.state()
                        .is_some_and(|s| s.as_str() != "deleted" && s.as_str() != "deleting")
                });
            let ids = live.map(|n| n.nat_gateway_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::NatGateway, id)));
        }
    }
    addresses(s, scan, op) {
        let listing = s.c.ec2.describe_addresses().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ids = out.addresses().iter().map(|a| a.allocation_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::ElasticIp, id)));
        }
    }
    internet_gateways(s, scan, op) {
        let listing = s.c.ec2.describe_internet_gateways().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            for g in out.internet_gateways() {
                let id = g.internet_gateway_id().unwrap_or_default();
                let mut gateway = s.found(Kind::InternetGateway, id);
                // Detached from its VPC before it is deleted.
                if let Some(vpc) = g.attachments().iter().find_map(|a| a.vpc_id()) {
                    gateway.context.insert("vpc".into(), vpc.to_string());
                }
                scan.found.push(gateway);
            }
        }
    }
    route_tables(s, scan, op) {
        let listing = s.c.ec2.describe_route_tables().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ids = out.route_tables().iter().map(|t| t.route_table_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::RouteTable, id)));
        }
    }
    flow_logs(s, scan, op) {
        let listing = s.c.ec2.describe_flow_logs().filter(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ids = out.flow_logs().iter().map(|f| f.flow_log_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::FlowLog, id)));
        }
    }
    vpc_endpoints(s, scan, op) {
        let listing = s.c.ec2.describe_vpc_endpoints().filters(s.tagged()).send();
        if let Some(out) = scan.list(op, listing).await {
            let live = out.vpc_endpoints().iter().filter(|e| {
                e.state().is_some_and(|s| {
                    !matches!(
                        s.as_str().to_ascii_lowercase().as_str(),
                        "deleted" | "deleting"
                    )
                })
            });
            let ids = live.map(|e| e.vpc_endpoint_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::VpcEndpoint, id)));
        }
    }
    vpc_peerings(s, scan, op) {
        let listing = s.c.ec2.describe_vpc_peering_connections().send();
        if let Some(out) = scan.list(op, listing).await {
            let live = (out.vpc_peering_connections().iter())
                .filter(|p| s.tags_ours(p.tags()))
                .filter(|p| {
                    p.status()
                        .and_then(|s| s.code())
                        .is_some_and(|c| c.as_str() != "deleted")
                });
            let ids = live.map(|p| p.vpc_peering_connection_id().unwrap_or_default());
            scan.found.extend(ids.map(|id| s.found(Kind::VpcPeering, id)));
        }
    }
    buckets(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.s3.list_buckets().send()).await {
            let names = out.buckets().iter().filter_map(|b| b.name());
            scan.found.extend(s.named_ones(Kind::Bucket, names));
        }
    }
    roles(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.iam.list_roles().send()).await {
            let names = out.roles().iter().map(|r| r.role_name());
            scan.found.extend(s.named_ones(Kind::Role, names));
        }
    }
    log_groups(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.logs.describe_log_groups().send()).await {
            let names = out.log_groups().iter().filter_map(|g| g.log_group_name());
            scan.found.extend(s.named_ones(Kind::LogGroup, names));
        }
    }
    /// Clusters, and the services of each active one (a cluster is deleted only once its
    /// services are). A service already draining is awaited, not deleted again; an inactive
    /// one is gone.
    ecs_clusters(s, scan, op) {
        let Some(out) = scan.list(op, s.c.ecs.list_clusters().send()).await else {
            return;
        };
        let arns: Vec<String> = (out.cluster_arns().iter()).filter(|a| s.named(a)).cloned().collect();
        if arns.is_empty() {
            return;
        }
        let describe = s.c.ecs.describe_clusters().set_clusters(Some(arns)).send();
        let Some(described) = scan.list("ecs:DescribeClusters", describe).await else {
            return;
        };
        let active: Vec<String> = (described.clusters().iter())
            .filter(|c| c.status() == Some("ACTIVE"))
            .filter_map(|c| c.cluster_name().map(str::to_string))
            .collect();
        for cluster in &active {
            ecs_services(s, scan, cluster).await;
        }
        scan.found.extend(active.iter().map(|name| s.found(Kind::EcsCluster, name)));
    }
    task_definitions(s, scan, op) {
        let listing = (s.c.ecs.list_task_definitions())
            .status(aws_sdk_ecs::types::TaskDefinitionStatus::Active)
            .send();
        if let Some(out) = scan.list(op, listing).await {
            let family = |arn: &str| arn.rsplit_once(':').map_or(arn, |(family, _)| family).to_string();
            let ours = (out.task_definition_arns().iter()).filter(|a| s.named(&family(a)));
            scan.found.extend(ours.map(|a| s.found(Kind::TaskDefinition, a)));
        }
    }
    load_balancers(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.elb.describe_load_balancers().send()).await {
            let arns = (out.load_balancers().iter())
                .filter(|l| l.load_balancer_name().is_some_and(|n| s.named(n)))
                .filter_map(|l| l.load_balancer_arn());
            scan.found.extend(arns.map(|arn| s.found(Kind::LoadBalancer, arn)));
        }
    }
    target_groups(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.elb.describe_target_groups().send()).await {
            let arns = (out.target_groups().iter())
                .filter(|t| t.target_group_name().is_some_and(|n| s.named(n)))
                .filter_map(|t| t.target_group_arn());
            scan.found.extend(arns.map(|arn| s.found(Kind::TargetGroup, arn)));
        }
    }
    db_clusters(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.rds.describe_db_clusters().send()).await {
            let names = out.db_clusters().iter().filter_map(|d| d.db_cluster_identifier());
            scan.found.extend(s.named_ones(Kind::DbCluster, names));
        }
    }
    db_instances(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.rds.describe_db_instances().send()).await {
            let names = out.db_instances().iter().filter_map(|d| d.db_instance_identifier());
            scan.found.extend(s.named_ones(Kind::DbInstance, names));
        }
    }
    db_subnet_groups(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.rds.describe_db_subnet_groups().send()).await {
            let names = out.db_subnet_groups().iter().filter_map(|g| g.db_subnet_group_name());
            scan.found.extend(s.named_ones(Kind::DbSubnetGroup, names));
        }
    }
    kms_aliases(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.kms.list_aliases().send()).await {
            let names = out.aliases().iter().filter_map(|a| a.alias_name());
            scan.found.extend(s.named_ones(Kind::KmsAlias, names));
        }
    }
    /// Keys by their tag (one made but killed before its alias has no name to find it by); a
    /// key already scheduled for deletion is on its way out (AWS keeps it 7–30 days).
    kms_keys(s, scan, op) {
        let Some(out) = scan.list(op, s.c.kms.list_keys().send()).await else {
            return;
        };
        for key in out.keys().iter().filter_map(|k| k.key_id()) {
            let tags = s.c.kms.list_resource_tags().key_id(key).send();
            let Some(tags) = scan.list("kms:ListResourceTags", tags).await else {
                continue;
            };
            let tagged = (tags.tags().iter())
                .any(|t| t.tag_key() == "stackproof:suffix" && t.tag_value() == s.suffix);
            if !tagged {
                continue;
            }
            let state = (scan.list("kms:DescribeKey", s.c.kms.describe_key().key_id(key).send()).await)
                .and_then(|d| d.key_metadata().and_then(|m| m.key_state().cloned()));
            if state.is_some_and(|s| s != aws_sdk_kms::types::KeyState::PendingDeletion) {
                scan.found.push(s.found(Kind::KmsKey, key));
            }
        }
    }
    secrets(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.secrets.list_secrets().send()).await {
            let names = out.secret_list().iter().filter_map(|secret| secret.name());
            scan.found.extend(s.named_ones(Kind::Secret, names));
        }
    }
    sns_topics(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.sns.list_topics().send()).await {
            let ours = (out.topics().iter())
                .filter_map(|t| t.topic_arn())
                .filter(|a| s.named(a.rsplit(':').next().unwrap_or(a)));
            scan.found.extend(ours.map(|a| s.found(Kind::SnsTopic, a)));
        }
    }
    kinesis_streams(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.kinesis.list_streams().send()).await {
            let names = out.stream_names().iter().map(String::as_str);
            scan.found.extend(s.named_ones(Kind::KinesisStream, names));
        }
    }
    backup_vaults(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.backup.list_backup_vaults().send()).await {
            let names = out.backup_vault_list().iter().filter_map(|v| v.backup_vault_name());
            scan.found.extend(s.named_ones(Kind::BackupVault, names));
        }
    }
    backup_plans(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.backup.list_backup_plans().send()).await {
            let names = out.backup_plans_list().iter().filter_map(|p| p.backup_plan_name());
            scan.found.extend(s.named_ones(Kind::BackupPlan, names));
        }
    }
    ssm_parameters(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.ssm.describe_parameters().send()).await {
            let ours = (out.parameters().iter())
                .filter_map(|p| p.name())
                .filter(|n| n.contains(&format!("-{}/", s.suffix)));
            scan.found.extend(ours.map(|n| s.found(Kind::SsmParameter, n)));
        }
    }
    ecr_repositories(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.ecr.describe_repositories().send()).await {
            let names = out.repositories().iter().filter_map(|r| r.repository_name());
            scan.found.extend(s.named_ones(Kind::EcrRepository, names));
        }
    }
    /// Namespaces, and the services of each (a namespace is deleted only once its services are).
    namespaces(s, scan, op) {
        let Some(out) = scan.list(op, s.c.discovery.list_namespaces().send()).await else {
            return;
        };
        let ours = |n: &str| n.contains(&format!("-{}.", s.suffix));
        let namespaces: Vec<String> = (out.namespaces().iter())
            .filter(|n| n.name().is_some_and(ours))
            .filter_map(|n| n.id().map(str::to_string))
            .collect();
        for namespace in &namespaces {
            let in_namespace = aws_sdk_servicediscovery::types::ServiceFilter::builder()
                .name(aws_sdk_servicediscovery::types::ServiceFilterName::NamespaceId)
                .values(namespace)
                .build();
            let Ok(filter) = in_namespace else {
                continue;
            };
            let listing = s.c.discovery.list_services().filters(filter).send();
            if let Some(services) = scan.list("servicediscovery:ListServices", listing).await {
                let ids = services.services().iter().filter_map(|service| service.id());
                scan.found.extend(ids.map(|id| s.found(Kind::DiscoveryService, id)));
            }
        }
        scan.found.extend(namespaces.iter().map(|id| s.found(Kind::Namespace, id)));
    }
    certificates(s, scan, op) {
        let listing = s.c.acm.list_certificates().includes(every_key_type()).send();
        if let Some(out) = scan.list(op, listing).await {
            let ours = |d: &str| d.contains(&format!("-{}.", s.suffix));
            let arns = (out.certificate_summary_list().iter())
                .filter(|c| c.domain_name().is_some_and(ours))
                .filter_map(|c| c.certificate_arn());
            scan.found.extend(arns.map(|arn| s.found(Kind::Certificate, arn)));
        }
    }
    scalable_targets(s, scan, op) {
        let listing = (s.c.autoscaling.describe_scalable_targets())
            .service_namespace(aws_sdk_applicationautoscaling::types::ServiceNamespace::Ecs)
            .send();
        if let Some(out) = scan.list(op, listing).await {
            let resources = out.scalable_targets().iter().map(|t| t.resource_id());
            scan.found.extend(s.named_ones(Kind::ScalableTarget, resources));
        }
    }
    alarms(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.cloudwatch.describe_alarms().send()).await {
            let names = out.metric_alarms().iter().filter_map(|a| a.alarm_name());
            scan.found.extend(s.named_ones(Kind::Alarm, names));
        }
    }
    dashboards(s, scan, op) {
        if let Some(out) = scan.list(op, s.c.cloudwatch.list_dashboards().send()).await {
            let names = out.dashboard_entries().iter().filter_map(|d| d.dashboard_name());
            scan.found.extend(s.named_ones(Kind::Dashboard, names));
        }
    }
}

/// The services of an active cluster still there: a draining one marked [`DELETING`], an
/// inactive one left out.
async fn ecs_services(s: &Scope<'_>, scan: &mut Scan, cluster: &str) {
    let listing = s.c.ecs.list_services().cluster(cluster).send();
    let Some(services) = scan.list("ecs:ListServices", listing).await else {
        return;
    };
    for arns in services.service_arns().chunks(10) {
        let describe =
            (s.c.ecs.describe_services().cluster(cluster)).set_services(Some(arns.to_vec()));
        let Some(described) = scan.list("ecs:DescribeServices", describe.send()).await else {
            continue;
        };
        for service in described.services() {
            let (Some(arn), Some(status)) = (service.service_arn(), service.status()) else {
                continue;
            };
            if status == "INACTIVE" {
                continue;
            }
            let mut entry = s.found(Kind::EcsService, arn);
            entry.context.insert("cluster".into(), cluster.to_string());
            if status == "DRAINING" {
                entry.context.insert(DELETING.into(), "true".into());
            }
            scan.found.push(entry);
        }
    }
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
