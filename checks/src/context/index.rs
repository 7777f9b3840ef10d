//! Lookups built once per evaluation, so a check judging each resource against others finds
//! them by key instead of scanning a list: evaluation stays linear in the inventory's size
//! (`cargo bench -p stackproof-checks --bench engine`).

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::inventory::{
    CloudMapNamespace, CloudMapService, DbInstance, EcrRepository, EcsService, Inventory, KmsKey,
    Listener, LoadBalancer, LogGroup, NatGateway, Role, RouteTable, ScalableTarget, ScalingPolicy,
    Secret, SnsTopic, Subnet, TargetGroup, TaskDefinition,
};
use crate::profile::Tier;

/// `key → items` built from `items`, each listed under every key `keys` gives it.
fn multi<'a, T, K: IntoIterator<Item = &'a str>>(
    items: impl IntoIterator<Item = &'a T>,
    keys: impl Fn(&'a T) -> K,
) -> HashMap<&'a str, Vec<&'a T>>
where
    T: 'a,
{
    let mut map: HashMap<&str, Vec<&T>> = HashMap::new();
    for item in items {
        for key in keys(item) {
            let entry = map.entry(key).or_default();
            // An item listing the same key twice is indexed once.
            if !entry.last().is_some_and(|last| std::ptr::eq(*last, item)) {
                entry.push(item);
            }
        }
    }
    map
}

/// `key → item`, the first item of each key winning (the order the collector listed them).
fn unique<'a, T>(
    items: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, &'a T>
where
    T: 'a,
{
    let mut map = HashMap::new();
    for item in items {
        map.entry(key(item)).or_insert(item);
    }
    map
}

pub(super) struct Index<'a> {
    /// Security group id → the tiers of what it is attached to.
    pub group_tiers: HashMap<&'a str, BTreeSet<Tier>>,
    pub task_definitions: HashMap<&'a str, &'a TaskDefinition>,
    /// Subnet id → its explicitly associated route table.
    pub associated_tables: HashMap<&'a str, &'a RouteTable>,
    /// VPC id → its main route table.
    pub main_tables: HashMap<&'a str, &'a RouteTable>,
    /// Security group id → the services / load balancers it is attached to.
    pub services_by_group: HashMap<&'a str, Vec<&'a EcsService>>,
    pub load_balancers_by_group: HashMap<&'a str, Vec<&'a LoadBalancer>>,
    pub load_balancers: HashMap<&'a str, &'a LoadBalancer>,
    /// Load balancer ARN → its listeners.
    pub listeners_by_load_balancer: HashMap<&'a str, Vec<&'a Listener>>,
    /// Target group ARN → the listeners forwarding to it (default actions or rules).
    pub listeners_by_target_group: HashMap<&'a str, Vec<&'a Listener>>,
    /// Target group ARN → the services registering into it.
    pub services_by_target_group: HashMap<&'a str, Vec<&'a EcsService>>,
    pub target_groups: HashMap<&'a str, &'a TargetGroup>,
    pub roles: HashMap<&'a str, &'a Role>,
    /// Role ARN → the task definitions using it as their task role.
    pub task_definitions_by_task_role: HashMap<&'a str, Vec<&'a TaskDefinition>>,
    pub log_groups: HashMap<&'a str, &'a LogGroup>,
    /// KMS key by id, by ARN and by alias name (without `alias/`).
    pub kms_keys: HashMap<&'a str, &'a KmsKey>,
    pub secrets: HashMap<&'a str, &'a Secret>,
    pub ssm_parameters: HashSet<&'a str>,
    pub bucket_names: HashSet<&'a str>,
    /// ECR repository by URI.
    pub ecr_repositories: HashMap<&'a str, &'a EcrRepository>,
    pub nat_gateways: HashMap<&'a str, &'a NatGateway>,
    pub subnets: HashMap<&'a str, &'a Subnet>,
    /// Scalable target / scaling policies by resource id (`service/cluster/name`).
    pub scalable_targets: HashMap<&'a str, &'a ScalableTarget>,
    pub scaling_policies: HashMap<&'a str, Vec<&'a ScalingPolicy>>,
    pub cloud_map_services: HashMap<&'a str, &'a CloudMapService>,
    pub cloud_map_namespaces: HashMap<&'a str, &'a CloudMapNamespace>,
    pub db_instances: HashMap<&'a str, &'a DbInstance>,
    pub sns_topics: HashMap<&'a str, &'a SnsTopic>,
}

impl<'a> Index<'a> {
    pub fn new(inventory: &'a Inventory) -> Self {
        let i = inventory;
        let mut group_tiers: HashMap<&str, BTreeSet<Tier>> = HashMap::new();
        let attached = (i.load_balancers.iter())
            .flat_map(|lb| ids(&lb.security_group_ids).map(|g| (g, Tier::LoadBalancer)))
            .chain(
                (i.ecs_services.iter())
                    .flat_map(|s| ids(&s.security_group_ids).map(|g| (g, Tier::Application))),
            )
            .chain(
                (i.db_clusters.iter())
                    .flat_map(|c| ids(&c.security_group_ids).map(|g| (g, Tier::Database))),
            );
        for (group, tier) in attached {
            group_tiers.entry(group).or_default().insert(tier);
        }
        let mut kms_keys = HashMap::new();
        for key in &i.kms_keys {
            let aliases = key
                .aliases
                .iter()
                .map(|a| a.strip_prefix("alias/").unwrap_or(a));
            for name in [key.id.as_str(), key.arn.as_str()]
                .into_iter()
                .chain(aliases)
            {
                kms_keys.entry(name).or_insert(key);
            }
        }
        Self {
            group_tiers,
            task_definitions: unique(&i.task_definitions, |t| &t.arn),
            associated_tables: multi(&i.route_tables, |t| ids(&t.subnet_ids))
                .into_iter()
                .map(|(subnet, tables)| (subnet, tables[0]))
                .collect(),
            main_tables: unique(i.route_tables.iter().filter(|t| t.main), |t| &t.vpc_id),
            services_by_group: multi(&i.ecs_services, |s| ids(&s.security_group_ids)),
            load_balancers_by_group: multi(&i.load_balancers, |lb| ids(&lb.security_group_ids)),
            load_balancers: unique(&i.load_balancers, |lb| &lb.arn),
            listeners_by_load_balancer: multi(&i.listeners, |l| [l.load_balancer_arn.as_str()]),
            listeners_by_target_group: multi(&i.listeners, |l| {
                l.default_actions
                    .iter()
                    .chain(l.rules.iter().flat_map(|r| r.actions.iter()))
                    .flat_map(|a| a.forward.iter().map(|g| g.target_group_arn.as_str()))
                    .collect::<BTreeSet<_>>()
            }),
            services_by_target_group: multi(&i.ecs_services, |s| ids(&s.target_group_arns)),
            target_groups: unique(&i.target_groups, |g| &g.arn),
            roles: unique(&i.roles, |r| &r.arn),
            task_definitions_by_task_role: multi(&i.task_definitions, |t| {
                t.task_role_arn.as_deref()
            }),
            log_groups: unique(&i.log_groups, |g| &g.name),
            kms_keys,
            secrets: unique(&i.secrets, |s| &s.arn),
            ssm_parameters: i.ssm_parameters.iter().map(|p| p.name.as_str()).collect(),
            bucket_names: i.buckets.iter().map(|b| b.name.as_str()).collect(),
            ecr_repositories: unique(&i.ecr_repositories, |r| &r.uri),
            nat_gateways: unique(&i.nat_gateways, |n| &n.id),
            subnets: unique(&i.subnets, |s| &s.id),
            scalable_targets: unique(&i.scalable_targets, |t| &t.resource_id),
            scaling_policies: multi(&i.scaling_policies, |p| [p.resource_id.as_str()]),
            cloud_map_services: unique(&i.cloud_map_services, |m| &m.arn),
            cloud_map_namespaces: unique(&i.cloud_map_namespaces, |n| &n.id),
            db_instances: unique(&i.db_instances, |d| &d.id),
            sns_topics: unique(&i.sns_topics, |t| &t.arn),
        }
    }
}

fn ids(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(String::as_str)
}
