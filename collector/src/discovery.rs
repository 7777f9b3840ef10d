//! Discovery: from anchors to the whole stack, in three waves of concurrent calls.
//!
//! 1. What the outputs name directly: ECS clusters (and the clusters of named services), load
//!    balancers, Aurora clusters, the VPCs owning named subnets and security groups, the account.
//! 2. What those lead to: the VPCs' contents and peerings; buckets, roles (named, and the task
//!    definitions' task and execution roles), log groups (named, and the awslogs groups of
//!    containers), secrets (named, and those containers reference), SNS topics, ECR repositories
//!    (named, and those images come from), Cloud Map namespaces and services, the services'
//!    scaling targets and policies, SSM parameters under the named paths, dashboards, alarms.
//! 3. Every KMS key referenced by anything collected.
//!
//! Each resource is described once; per-resource calls run with a bounded concurrency.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::time::Instant;

use aws_types::SdkConfig;
use futures::FutureExt;
use stackproof_checks::inventory::{
    Bucket, FetchError, FetchErrors, INVENTORY_SCHEMA_VERSION, Incomplete, Inventory, KmsKey,
    LogGroup, MissingResource, Resource, Role, Secret, SecurityGroup, SnsTopic, Subnet, Vpc,
};

use crate::api_calls::ApiCallCounter;
use crate::clients::Clients;
use crate::completeness;
use crate::fan_out::bounded;
use crate::outputs::{Anchor, AnchorKind, SENSITIVE};
use crate::services::text;
use crate::services::{
    autoscaling, cloudmap, cloudwatch, ec2, ecr, ecs, elbv2, iam, kms, logs, rds, s3, secrets, sns,
    ssm,
};

/// `bounded` over a per-resource collector `fn(&Clients, &str)`.
macro_rules! per_resource {
    ($clients:expr, $limit:expr, $ids:expr, $collect:path) => {{
        let clients = $clients;
        bounded($limit, $ids, move |id| async move {
            $collect(clients, &id).await
        })
    }};
}

/// How to collect.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// Emulators serve S3 buckets in the path.
    pub s3_path_style: bool,
    /// Per-resource calls in flight at once.
    pub concurrency: usize,
    /// Recorded in the inventory's run metadata.
    pub target: String,
    pub outputs_file: Option<String>,
    pub collected_at: Option<String>,
    /// The stack's environment suffix, when known (see [`crate::outputs::environment_suffix`]).
    pub environment_suffix: Option<String>,
    /// `kind.attribute` the target is known not to model (recorded for the checks).
    pub unmodelled: Vec<String>,
    /// Who the collection runs as, when a preflight already asked (then it is not asked again).
    pub identity: Option<crate::preflight::Identity>,
    /// `kind.attribute` not to read: no check of the run's profile reads them
    /// (`stackproof_checks::inventory::unneeded_reads`). Recorded in the inventory.
    pub not_read: Vec<String>,
}

impl Default for CollectOptions {
    fn default() -> Self {
        Self {
            s3_path_style: false,
            concurrency: 8,
            target: String::new(),
            outputs_file: None,
            collected_at: None,
            environment_suffix: None,
            unmodelled: Vec::new(),
            not_read: Vec::new(),
            identity: None,
        }
    }
}

/// The anchors, grouped by what to look up.
#[derive(Debug, Default)]
struct Wanted {
    by_kind: BTreeMap<AnchorKind, BTreeSet<String>>,
    /// Identifier → the output key that named it (for "missing" results).
    keys: BTreeMap<String, String>,
    /// Subnet id → the tier its output key declares.
    tiers: BTreeMap<String, String>,
}

impl Wanted {
    fn new(anchors: &[Anchor]) -> Self {
        let mut wanted = Self::default();
        for anchor in anchors {
            wanted
                .by_kind
                .entry(anchor.kind)
                .or_default()
                .insert(anchor.id.clone());
            wanted
                .keys
                .entry(anchor.id.clone())
                .or_insert_with(|| anchor.key.clone());
            let key = anchor.key.to_ascii_lowercase();
            if anchor.kind == AnchorKind::Subnet {
                if let Some(tier) = stackproof_checks::inventory::tier_in_words(&key) {
                    wanted.tiers.insert(anchor.id.clone(), tier.into());
                }
            }
        }
        wanted
    }

    fn ids(&self, kinds: &[AnchorKind]) -> BTreeSet<String> {
        kinds
            .iter()
            .filter_map(|kind| self.by_kind.get(kind))
            .flatten()
            .cloned()
            .collect()
    }
}

/// Collects everything the anchors lead to. Failures are recorded on the resources they concern
/// (or as missing resources); collection always completes.
pub async fn collect(
    config: &SdkConfig,
    anchors: &[Anchor],
    options: &CollectOptions,
) -> Inventory {
    let started = Instant::now();
    let counter = ApiCallCounter::default();
    let mut clients = Clients::new(config, &counter, options.s3_path_style);
    clients.read_log_group_tags = !options.not_read.iter().any(|a| a == "log-group.tags");
    let wanted = Wanted::new(anchors);
    let limit = options.concurrency.max(1);
    let mut inventory = Inventory {
        schema_version: INVENTORY_SCHEMA_VERSION,
        ..Inventory::default()
    };

    let keys = kms::Keys::new(&clients, limit);
    let clients = &clients;

    // The branches are boxed: together their states are too large for a thread's stack.
    // What the outputs name starts at once; what it leads to starts as soon as it is read.
    // Sets led to leave out what the outputs name, so nothing is described twice.
    let named_vpcs = wanted.ids(&[AnchorKind::Vpc]);
    let named_roles = wanted.ids(&[AnchorKind::IamRole]);
    let named_role_names: BTreeSet<&str> = named_roles.iter().map(|r| iam::role_name(r)).collect();
    let named_log_groups: BTreeSet<String> = (wanted.ids(&[AnchorKind::LogGroup]).iter())
        .map(|g| log_group_name(g))
        .collect();
    let named_secrets = wanted.ids(&[AnchorKind::Secret]);
    let named_repositories = wanted.ids(&[AnchorKind::EcrRepository]);
    let buckets: BTreeSet<String> = wanted
        .ids(&[AnchorKind::Bucket])
        .iter()
        .map(|b| b.trim_start_matches("arn:aws:s3:::").to_string())
        .collect();
    let parameter_names = wanted.ids(&[AnchorKind::SsmParameter]);
    let namespaces = wanted.ids(&[AnchorKind::CloudMapNamespace]);
    let follow = FlowLogFollow {
        clients,
        limit,
        keys: &keys,
        named_log_groups: &named_log_groups,
        named_roles: &named_role_names,
    };
    let named = Box::pin(async {
        tokio::join!(
            flow_log_targets(ec2::collect(clients, &named_vpcs, &wanted.tiers), &follow),
            with_keys(
                &keys,
                per_resource!(clients, limit, buckets.clone(), s3::collect),
                |b: &Bucket| b.encryption.as_ref().and_then(|e| e.kms_key_id.clone()),
            ),
            iam::collect_many(clients, limit, named_roles.clone()),
            with_keys(
                &keys,
                logs::collect_many(clients, limit, named_log_groups.clone()),
                |g: &LogGroup| g.kms_key_id.clone(),
            ),
            with_keys(
                &keys,
                per_resource!(clients, limit, named_secrets.clone(), secrets::collect),
                |s: &Secret| s.kms_key_id.clone(),
            ),
            with_keys(
                &keys,
                per_resource!(
                    clients,
                    limit,
                    wanted.ids(&[AnchorKind::SnsTopic]),
                    sns::collect
                ),
                |t: &SnsTopic| t.kms_master_key_id.clone(),
            ),
            ecr::collect(clients, &named_repositories),
            ssm::collect(clients, &parameter_names),
            per_resource!(
                clients,
                limit,
                wanted.ids(&[AnchorKind::Dashboard]),
                cloudwatch::dashboard
            ),
            per_resource!(
                clients,
                limit,
                wanted.ids(&[AnchorKind::Alarm]),
                cloudwatch::alarm
            ),
            keys.collect(wanted.ids(&[AnchorKind::KmsKey, AnchorKind::KmsAlias])),
        )
    });
    // What the outputs lead to, in three branches that wait only for what they need: the
    // compute side (clusters → services → task definitions → roles, log groups, secrets,
    // images …), the network side (load balancers and the owners of named subnets and groups →
    // VPCs), the databases (→ keys). The load balancers are shared: the compute side needs
    // their target groups to know which groups services register into are not attached.
    let mut clusters = wanted.ids(&[AnchorKind::EcsCluster]);
    clusters.extend(
        wanted
            .ids(&[AnchorKind::EcsService])
            .iter()
            .filter_map(|arn| service_cluster(arn)),
    );
    let db_clusters: BTreeSet<String> = wanted
        .ids(&[
            AnchorKind::DbCluster,
            AnchorKind::DbClusterEndpoint,
            AnchorKind::DbClusterReaderEndpoint,
        ])
        .into_iter()
        .map(|id| id.rsplit(':').next().unwrap_or(&id).to_string())
        .collect();
    let balancers = wanted.ids(&[AnchorKind::LoadBalancer, AnchorKind::LoadBalancerDns]);
    let (subnets, groups) = (
        wanted.ids(&[AnchorKind::Subnet]),
        wanted.ids(&[AnchorKind::SecurityGroup]),
    );
    let edge = elbv2::collect(clients, &balancers).shared();
    let compute_side = Box::pin(async {
        let compute = ecs::collect(clients, &clusters).await;
        let roles: BTreeSet<String> = (compute.task_definitions.iter())
            .flat_map(|d| [d.task_role_arn.clone(), d.execution_role_arn.clone()])
            .flatten()
            .filter(|r| !named_role_names.contains(iam::role_name(r)))
            .collect();
        let mut log_groups = ecs::awslogs_groups(&compute.task_definitions);
        log_groups.retain(|g| !named_log_groups.contains(g));
        let secret_refs: BTreeSet<String> = (compute.task_definitions.iter())
            .flat_map(|d| &d.containers)
            .flat_map(|c| c.secrets.values())
            .filter(|v| v.starts_with("arn:aws:secretsmanager:"))
            .map(|v| secret_arn(v))
            .filter(|arn| !named_secrets.contains(arn))
            .collect();
        let repositories: BTreeSet<String> = (compute.task_definitions.iter())
            .flat_map(|d| &d.containers)
            .filter_map(|c| ecr::repository_of_image(&c.image))
            .filter(|name| !named_repositories.contains(name))
            .collect();
        let mut registries = wanted.ids(&[AnchorKind::CloudMapService]);
        registries.extend((compute.services.iter()).flat_map(|s| s.registry_arns.iter().cloned()));
        let scaled: BTreeSet<String> = (compute.services.iter())
            .filter_map(|s| autoscaling::resource_id(&s.arn))
            .collect();
        let mut groups = wanted.ids(&[AnchorKind::TargetGroup]);
        groups.extend((compute.services.iter()).flat_map(|s| s.target_group_arns.iter().cloned()));
        let unattached = async {
            let edge = edge.clone().await;
            groups.retain(|arn| !edge.target_groups.iter().any(|g| g.arn == *arn));
            elbv2::target_groups(clients, &groups).await
        };
        let (roles, log_groups, secrets, platform, discovery, scaling, unattached) = tokio::join!(
            iam::collect_many(clients, limit, roles),
            with_keys(
                &keys,
                logs::collect_many(clients, limit, log_groups),
                |g: &LogGroup| g.kms_key_id.clone(),
            ),
            with_keys(
                &keys,
                per_resource!(clients, limit, secret_refs, secrets::collect),
                |s: &Secret| s.kms_key_id.clone(),
            ),
            ecr::collect(clients, &repositories),
            cloudmap::collect(clients, &namespaces, &registries),
            autoscaling::collect(clients, &scaled),
            unattached,
        );
        (
            compute, roles, log_groups, secrets, platform, discovery, scaling, unattached,
        )
    });
    let network_side = Box::pin(async {
        let (edge, (owners, owner_failures)) =
            tokio::join!(edge.clone(), ec2::owning_vpcs(clients, &subnets, &groups));
        let mut vpcs: BTreeSet<String> = owners;
        vpcs.extend(
            (edge.load_balancers.iter())
                .map(|lb| lb.vpc_id.clone())
                .filter(|id| !id.is_empty()),
        );
        vpcs.retain(|id| !named_vpcs.contains(id));
        let (network, flow) =
            flow_log_targets(ec2::collect(clients, &vpcs, &wanted.tiers), &follow).await;
        (network, owner_failures, vpcs, flow)
    });
    let databases_side = Box::pin(async {
        let databases = rds::collect(clients, &db_clusters).await;
        let database_keys = (databases.clusters.iter()).filter_map(|c| c.kms_key_id.clone());
        // A cluster leads to the master user secret RDS manages for it.
        let master_secrets: BTreeSet<String> = (databases.clusters.iter())
            .filter_map(|c| c.master_user_secret.clone())
            .filter(|arn| !named_secrets.contains(arn))
            .collect();
        let (keys, master_secrets) = tokio::join!(
            keys.collect(database_keys),
            with_keys(
                &keys,
                per_resource!(clients, limit, master_secrets, secrets::collect),
                |s: &Secret| s.kms_key_id.clone(),
            ),
        );
        (databases, keys, master_secrets)
    });
    let identity = async {
        match &options.identity {
            Some(known) => Some((known.account.clone(), known.arn.clone())),
            None => {
                let answer = clients.sts.get_caller_identity().send().await.ok()?;
                Some((text(answer.account()), text(answer.arn())))
            }
        }
    };
    let led_to = Box::pin(async {
        let (compute_side, network_side, databases_side, identity) =
            tokio::join!(compute_side, network_side, databases_side, identity);
        let (
            compute,
            mut roles,
            mut log_groups,
            mut secrets,
            platform,
            discovery,
            scaling,
            unattached,
        ) = compute_side;
        let (led_network, owner_failures, mut vpcs, flow) = network_side;
        flow.into(&mut roles, &mut log_groups.0, &mut log_groups.1);
        let (databases, database_keys, master_secrets) = databases_side;
        absorb(&mut secrets.0, master_secrets.0);
        absorb(&mut secrets.1, master_secrets.1);
        let mut edge = edge.clone().await;
        edge.target_groups.extend(unattached.target_groups);
        edge.missing.extend(unattached.missing);
        vpcs.extend(named_vpcs.iter().cloned());
        (
            (compute, edge, databases, owner_failures, identity, vpcs),
            (
                led_network,
                roles,
                log_groups,
                secrets,
                platform,
                discovery,
                scaling,
                database_keys,
            ),
        )
    });
    let (named, led_to) = tokio::join!(named, led_to);
    let (
        (mut network, named_flow),
        (buckets, bucket_keys),
        mut roles,
        (mut log_groups, log_keys),
        (mut secrets, secret_keys),
        (topics, topic_keys),
        mut platform,
        parameters,
        dashboards,
        alarms,
        mut keys,
    ) = named;
    let ((compute, edge, databases, owner_failures, identity, vpcs), led) = led_to;
    let (
        led_network,
        led_roles,
        (led_log_groups, led_log_keys),
        (led_secrets, led_secret_keys),
        led_platform,
        discovery,
        scaling,
        database_keys,
    ) = led;
    if let Some((account, caller)) = identity {
        inventory.meta.account = Some(account);
        inventory.meta.caller = Some(caller);
    }
    network.absorb(led_network);
    absorb(&mut roles, led_roles);
    absorb(&mut log_groups, led_log_groups);
    let mut log_keys = log_keys;
    named_flow.into(&mut roles, &mut log_groups, &mut log_keys);
    absorb(&mut secrets, led_secrets);
    // What two branches reached (a task's log group that flow logs also use; a secret a task
    // reads that is also its cluster's master user secret) is judged once.
    once_each(&mut log_groups.0, |g| g.name.clone());
    once_each(&mut roles.0, |r| r.name.clone());
    once_each(&mut secrets.0, |s| s.arn.clone());
    platform.0.extend(led_platform.0);
    platform.1.extend(led_platform.1);
    for more in [
        bucket_keys,
        log_keys,
        secret_keys,
        topic_keys,
        led_log_keys,
        led_secret_keys,
        database_keys,
    ] {
        absorb(&mut keys, more);
    }
    let named_keys = wanted.ids(&[AnchorKind::KmsKey, AnchorKind::KmsAlias]);
    for key in &mut keys.0 {
        key.named_by_output = (named_keys.iter())
            .find(|named| kms::names_key(named, key))
            .and_then(|named| wanted.keys.get(named).cloned());
    }

    let mut missing: Vec<MissingResource> = compute
        .missing
        .into_iter()
        .chain(edge.missing)
        .chain(databases.missing)
        .collect();
    for collected in [
        buckets.1,
        roles.1,
        log_groups.1,
        secrets.1,
        topics.1,
        keys.1,
    ] {
        missing.extend(collected);
    }
    // A VPC that a failed listing could not show is unknown, not missing.
    let listing_failure = |kind: &str| {
        (network.failures.iter())
            .find(|(listed, _)| *listed == kind)
            .map(|(_, error)| error.clone())
            .or_else(|| owner_failures.first().cloned())
    };
    let mut vpcs_collected = network.vpcs;
    account_for_named(
        &mut vpcs_collected,
        vpcs.clone(),
        listing_failure("vpc"),
        &mut missing,
        "ec2:DescribeVpcs",
        |id, errors| Vpc {
            id,
            errors,
            ..Vpc::default()
        },
    );
    let vpc_scope = vpcs.iter().cloned().collect::<Vec<_>>().join(", ");
    for (kind, error) in network.failures.iter().filter(|(kind, _)| *kind != "vpc") {
        (inventory.incomplete).push(Incomplete::new(kind, vpc_scope.clone(), error));
    }
    for error in &owner_failures {
        let scope = "the VPCs of the outputs' subnets and security groups";
        inventory
            .incomplete
            .push(Incomplete::new("vpc", scope, error));
    }
    let mut network_subnets = network.subnets;
    account_for_named(
        &mut network_subnets,
        wanted.ids(&[AnchorKind::Subnet]),
        listing_failure("subnet"),
        &mut missing,
        "ec2:DescribeSubnets",
        |id, errors| Subnet {
            id,
            errors,
            ..Subnet::default()
        },
    );
    let mut network_groups = network.security_groups;
    account_for_named(
        &mut network_groups,
        wanted.ids(&[AnchorKind::SecurityGroup]),
        listing_failure("security-group"),
        &mut missing,
        "ec2:DescribeSecurityGroups",
        |id, errors| SecurityGroup {
            id,
            errors,
            ..SecurityGroup::default()
        },
    );
    for item in &mut missing {
        item.output_key = item
            .output_key
            .take()
            .or_else(|| wanted.keys.get(&item.id).cloned());
    }

    inventory.vpcs = vpcs_collected;
    inventory.subnets = network_subnets;
    inventory.route_tables = network.route_tables;
    inventory.internet_gateways = network.internet_gateways;
    inventory.nat_gateways = network.nat_gateways;
    inventory.vpc_endpoints = network.vpc_endpoints;
    inventory.security_groups = network_groups;
    inventory.flow_logs = network.flow_logs;
    inventory.vpc_peerings = network.peerings;
    inventory.ecr_repositories = platform.0;
    inventory.cloud_map_namespaces = discovery.namespaces;
    inventory.cloud_map_services = discovery.services;
    inventory.scalable_targets = scaling.targets;
    inventory.scaling_policies = scaling.policies;
    inventory.ssm_parameters = parameters;
    inventory.dashboards = dashboards.0;
    inventory.alarms = alarms.0;
    inventory.ecs_clusters = compute.clusters;
    inventory.ecs_services = compute.services;
    inventory.task_definitions = compute.task_definitions;
    inventory.load_balancers = edge.load_balancers;
    inventory.listeners = edge.listeners;
    inventory.target_groups = edge.target_groups;
    inventory.db_clusters = databases.clusters;
    inventory.db_instances = databases.instances;
    inventory.buckets = buckets.0;
    inventory.roles = roles.0;
    inventory.log_groups = log_groups.0;
    inventory.secrets = secrets.0;
    inventory.sns_topics = topics.0;
    inventory.kms_keys = keys.0;
    inventory.missing = missing;
    inventory.meta.target = options.target.clone();
    inventory.meta.region = config.region().map(|r| r.to_string());
    inventory.meta.outputs_file = options.outputs_file.clone();
    inventory.meta.collected_at = options.collected_at.clone();
    inventory.meta.environment_suffix = options.environment_suffix.clone();
    inventory.meta.stack = stack_name(anchors);
    let naming = || {
        anchors
            .iter()
            .filter(|a| a.kind != AnchorKind::Setting && a.id != SENSITIVE)
    };
    inventory.meta.named_by_outputs = naming()
        .flat_map(|a| [a.id.clone(), a.value.clone()])
        .collect();
    for anchor in naming() {
        for named in [&anchor.id, &anchor.value] {
            (inventory.meta.output_lines)
                .entry(named.clone())
                .or_insert(anchor.line);
        }
    }
    inventory.meta.outputs = anchors
        .iter()
        .map(|anchor| (anchor.key.clone(), anchor.kind.name()))
        .collect();
    inventory.meta.unmodelled = options.unmodelled.clone();
    inventory.meta.not_read = options.not_read.clone();
    completeness::account(&mut inventory, &counter.failures());
    inventory.meta.api_calls = counter.snapshot();
    inventory.meta.repeated_requests = counter.repeated();
    inventory
        .meta
        .phase_ms
        .insert("collect".into(), started.elapsed().as_millis() as u64);
    inventory
}

/// The stack the outputs belong to: the stack an outputs file is keyed by, or a `StackName` output.
fn stack_name(anchors: &[Anchor]) -> Option<String> {
    let keyed = anchors.iter().find_map(|anchor| anchor.stack.clone());
    keyed.or_else(|| {
        anchors
            .iter()
            .find(|a| a.key.eq_ignore_ascii_case("StackName") && a.value != SENSITIVE)
            .map(|a| a.value.clone())
    })
}

/// Resources named (by the outputs, or as owners of what they name) are never silently absent:
/// unreadable — a placeholder carrying the listing's error — when the listing that should have
/// shown them failed, missing when it answered without them.
fn account_for_named<R: Resource>(
    found: &mut Vec<R>,
    named: BTreeSet<String>,
    listing_failure: Option<FetchError>,
    missing: &mut Vec<MissingResource>,
    operation: &str,
    unreadable: impl Fn(String, FetchErrors) -> R,
) {
    for id in named {
        if found.iter().any(|resource| resource.id() == id) {
            continue;
        }
        match &listing_failure {
            Some(error) => found.push(unreadable(id, [("*".to_string(), error.clone())].into())),
            None => missing.push(MissingResource::named(R::KIND, id, operation)),
        }
    }
}

/// What a collection found of one kind, and what it found missing.
type Collected<T> = (Vec<T>, Vec<MissingResource>);

/// What flow logs lead to is looked up with these, leaving out what the outputs name.
struct FlowLogFollow<'a> {
    clients: &'a Clients,
    limit: usize,
    keys: &'a kms::Keys<'a>,
    named_log_groups: &'a BTreeSet<String>,
    named_roles: &'a BTreeSet<&'a str>,
}

/// The log groups a network's flow logs deliver to (with their keys) and the delivering roles.
struct FlowLogTargets {
    log_groups: (Collected<LogGroup>, Collected<KmsKey>),
    roles: Collected<Role>,
}

impl FlowLogTargets {
    fn into(
        self,
        roles: &mut Collected<Role>,
        log_groups: &mut Collected<LogGroup>,
        keys: &mut Collected<KmsKey>,
    ) {
        absorb(roles, self.roles);
        absorb(log_groups, self.log_groups.0);
        absorb(keys, self.log_groups.1);
    }
}

/// Collects a network, then what its flow logs lead to: the log groups they deliver to and the
/// roles that deliver.
async fn flow_log_targets(
    network: impl Future<Output = ec2::Network>,
    follow: &FlowLogFollow<'_>,
) -> (ec2::Network, FlowLogTargets) {
    let network = network.await;
    let groups: BTreeSet<String> = (network.flow_logs.iter())
        .filter(|f| f.log_destination_type == "cloud-watch-logs")
        .filter_map(|f| f.log_destination.as_deref().map(log_group_name))
        .filter(|g| !follow.named_log_groups.contains(g))
        .collect();
    let roles: BTreeSet<String> = (network.flow_logs.iter())
        .filter_map(|f| f.deliver_logs_role.clone())
        .filter(|r| !follow.named_roles.contains(iam::role_name(r)))
        .collect();
    let (log_groups, roles) = tokio::join!(
        with_keys(
            follow.keys,
            logs::collect_many(follow.clients, follow.limit, groups),
            |g: &LogGroup| g.kms_key_id.clone(),
        ),
        iam::collect_many(follow.clients, follow.limit, roles),
    );
    (network, FlowLogTargets { log_groups, roles })
}

/// Keeps the first of the items with the same `key`, sorted by it.
fn once_each<T>(items: &mut Vec<T>, key: impl Fn(&T) -> String) {
    items.sort_by_key(|item| key(item));
    items.dedup_by(|a, b| key(a) == key(b));
}

/// Found and missing of one kind, from two branches.
fn absorb<T>(into: &mut Collected<T>, more: Collected<T>) {
    into.0.extend(more.0);
    into.1.extend(more.1);
}

/// Collects some resources, then the KMS keys they name (through `keys`, so each key once).
async fn with_keys<T>(
    keys: &kms::Keys<'_>,
    collected: impl Future<Output = (Vec<T>, Vec<MissingResource>)>,
    key_of: impl Fn(&T) -> Option<String>,
) -> (
    (Vec<T>, Vec<MissingResource>),
    (Vec<KmsKey>, Vec<MissingResource>),
) {
    let collected = collected.await;
    let named = keys.collect(collected.0.iter().filter_map(&key_of)).await;
    (collected, named)
}

/// `arn:aws:ecs:r:a:service/cluster/name` → `cluster` (old-style ARNs without it name none).
fn service_cluster(arn: &str) -> Option<String> {
    let resource = arn.split_once(":service/")?.1;
    let (cluster, _) = resource.split_once('/')?;
    Some(cluster.to_string())
}

/// A log group's name from its name or ARN (`arn:…:log-group:NAME[:*]`).
fn log_group_name(reference: &str) -> String {
    match reference.split_once(":log-group:") {
        Some((_, rest)) => rest.trim_end_matches(":*").to_string(),
        None => reference.to_string(),
    }
}

/// A secret ARN from an ECS `valueFrom`, which may point at a JSON key inside the secret
/// (`arn:…:secret:name-AbCdEf:password::`).
fn secret_arn(value_from: &str) -> String {
    value_from
        .splitn(8, ':')
        .take(7)
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(key: &str, value: &str, stack: Option<&str>) -> Anchor {
        Anchor {
            kind: AnchorKind::Setting,
            id: value.into(),
            key: key.into(),
            stack: stack.map(str::to_string),
            value: value.into(),
            region: None,
            line: 1,
        }
    }

    /// Test threads and tokio's workers have 2 MiB stacks; the collection's state lives on the
    /// heap (boxed branches), so what sits on the stack stays small in debug builds too.
    #[test]
    fn the_collection_future_is_small() {
        let config = aws_types::SdkConfig::builder().build();
        let options = CollectOptions::default();
        let future = collect(&config, &[], &options);
        let size = std::mem::size_of_val(&future);
        assert!(size < 64 * 1024, "{size} bytes");
    }

    #[test]
    fn the_stack_is_named_by_its_keyed_outputs_or_a_stack_name_output() {
        let keyed = [anchor("VpcId", "vpc-1", Some("PaymentsProd"))];
        assert_eq!(stack_name(&keyed).as_deref(), Some("PaymentsProd"));
        let named = [
            anchor("VpcId", "vpc-1", None),
            anchor("StackName", "payments-prod", None),
        ];
        assert_eq!(stack_name(&named).as_deref(), Some("payments-prod"));
        let secret = [anchor("StackName", SENSITIVE, None)];
        assert_eq!(stack_name(&secret), None);
        assert_eq!(stack_name(&[anchor("VpcId", "vpc-1", None)]), None);
    }
}
