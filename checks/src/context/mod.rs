//! What a check sees: the inventory, the profile, and lookups for cross-resource questions.

use std::collections::{BTreeSet, HashMap};

mod index;
pub(crate) mod view;

pub use view::{InventoryView, KINDS};

use crate::inventory::{
    Bucket, CloudMapNamespace, CloudMapService, Container, DbCluster, DbInstance, EcrRepository,
    EcsService, InternetGateway, Inventory, KmsKey, Listener, LoadBalancer, LogGroup, NatGateway,
    Resource, ResourceRef, Role, RouteTable, ScalableTarget, ScalingPolicy, Secret, SnsTopic,
    SsmParameter, Subnet, TargetGroup, TaskDefinition,
};
use crate::profile::{Profile, Tier};
use crate::result::{Evidence, Finding};
use crate::words::W;
use index::Index;
use view::note;

/// What a check sees: the inventory, the profile, and lookups for cross-resource questions
/// (built once per evaluation, see [`Index`]). Every lookup notes the kinds it consults, like
/// [`InventoryView`] does, so the engine knows what a verdict rests on.
pub struct Context<'a> {
    pub inventory: InventoryView<'a>,
    pub profile: &'a Profile,
    index: Index<'a>,
    subnet_tiers: HashMap<&'a str, SubnetTier>,
}

/// Whether a subnet is meant to reach the internet directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SubnetTier {
    Public,
    Private,
}

impl SubnetTier {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Private => "private",
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(inventory: &'a Inventory, profile: &'a Profile) -> Self {
        let mut context = Self {
            inventory: InventoryView::new(inventory),
            profile,
            index: Index::new(inventory),
            subnet_tiers: HashMap::new(),
        };
        context.subnet_tiers = inventory
            .subnets
            .iter()
            .map(|subnet| (subnet.id.as_str(), context.judge_subnet_tier(subnet)))
            .collect();
        context
    }

    /// One `skip` for the stack: the profile does not set `param`.
    pub fn param_not_set(&self, param: &str) -> Vec<Finding> {
        vec![Finding::skip(
            ResourceRef::stack(),
            format!("the profile does not set `{param}`"),
        )]
    }

    /// One `skip` per resource when the target does not model `attribute` (`kind.attribute`).
    pub fn unmodelled<'r, R: Resource + 'r>(
        &self,
        resources: impl IntoIterator<Item = &'r R>,
        attribute: &str,
    ) -> Option<Vec<Finding>> {
        let key = format!("{}.{attribute}", R::KIND);
        self.inventory.meta().unmodelled.contains(&key).then(|| {
            resources
                .into_iter()
                .map(|r| {
                    Finding::skip(
                        r.reference(),
                        format!("not modelled by the emulator: {key}"),
                    )
                })
                .collect()
        })
    }

    /// Resources that could be described (no `*` fetch error).
    pub fn readable<'r, R: Resource + 'r>(
        &self,
        resources: impl IntoIterator<Item = &'r R>,
    ) -> impl Iterator<Item = &'r R> {
        resources
            .into_iter()
            .filter(|r| !r.errors().contains_key("*"))
    }

    /// "Something matching exists": `pass` naming the readable matches, `error` when the only
    /// matches could not be described, `fail` when nothing matches.
    pub fn exists<'r, R: Resource + 'r>(
        &self,
        subject: ResourceRef,
        matching: impl IntoIterator<Item = &'r R>,
        expected: &str,
        source: &str,
    ) -> Finding {
        let (readable, unreadable): (Vec<&R>, Vec<&R>) = matching
            .into_iter()
            .partition(|r| !r.errors().contains_key("*"));
        let ids: Vec<&str> = readable.iter().map(|r| r.id()).collect();
        let finding = if !readable.is_empty() {
            Finding::pass(subject, format!("found {ids}", ids = W(&ids)))
        } else if let Some(first) = unreadable.first() {
            let error = &first.errors()["*"];
            Finding::fetch_error(subject, "*", error)
        } else {
            Finding::fail(subject, format!("none found: expected {expected}"))
        };
        finding.with(Evidence::new("resources", &ids, expected, source))
    }

    /// A resource name without the environment suffix (`frontend-ab12cd` → `frontend`).
    pub fn base_name<'n>(&self, name: &'n str) -> &'n str {
        self.inventory.meta().base_name(name)
    }

    /// Whether `name` is the resource the profile calls `base` (suffix and separators aside).
    pub fn names_base(&self, name: &str, base: &str) -> bool {
        let name = self.base_name(name);
        name == base
            || name
                .strip_prefix(base)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
    }

    /// Judges each resource, turning a failed fetch of any of `attributes` into `error`. The
    /// attributes must be ones the collector fetches (see [`crate::inventory::FETCHED`]).
    pub fn each<'r, R: Resource + 'r>(
        &self,
        resources: impl IntoIterator<Item = &'r R>,
        attributes: &[&str],
        judge: impl Fn(&R) -> Finding,
    ) -> Vec<Finding> {
        for attribute in attributes {
            debug_assert!(
                crate::inventory::is_fetched(R::KIND, attribute),
                "guard `{attribute}` on {}: no collector call produces it",
                R::KIND
            );
        }
        resources
            .into_iter()
            .map(|resource| {
                Finding::unreadable(resource, attributes).unwrap_or_else(|| judge(resource))
            })
            .collect()
    }

    /// The task definition a service runs (none when it is not in the inventory).
    pub fn task_definition_of(&self, service: &EcsService) -> Option<&'a TaskDefinition> {
        note(TaskDefinition::KIND);
        self.index
            .task_definitions
            .get(service.task_definition_arn.as_str())
            .copied()
    }

    /// The containers of a service's task definition (none when it is not in the inventory).
    pub fn containers_of(
        &self,
        service: &EcsService,
    ) -> impl Iterator<Item = &'a Container> + use<'a> {
        self.task_definition_of(service)
            .into_iter()
            .flat_map(|t| t.containers.iter())
    }

    /// The services a security group is attached to.
    pub fn services_in_group(&self, group_id: &str) -> &[&'a EcsService] {
        note(EcsService::KIND);
        listed(&self.index.services_by_group, group_id)
    }

    /// The load balancers a security group is attached to.
    pub fn load_balancers_in_group(&self, group_id: &str) -> &[&'a LoadBalancer] {
        note(LoadBalancer::KIND);
        listed(&self.index.load_balancers_by_group, group_id)
    }

    pub fn load_balancer(&self, arn: &str) -> Option<&'a LoadBalancer> {
        note(LoadBalancer::KIND);
        self.index.load_balancers.get(arn).copied()
    }

    /// The listeners of a load balancer.
    pub fn listeners_of(&self, load_balancer_arn: &str) -> &[&'a Listener] {
        note(Listener::KIND);
        listed(&self.index.listeners_by_load_balancer, load_balancer_arn)
    }

    /// The listeners forwarding to a target group (default actions or rules).
    pub fn listeners_forwarding_to(&self, target_group_arn: &str) -> &[&'a Listener] {
        note(Listener::KIND);
        listed(&self.index.listeners_by_target_group, target_group_arn)
    }

    /// The services registering into a target group.
    pub fn services_behind(&self, target_group_arn: &str) -> &[&'a EcsService] {
        note(EcsService::KIND);
        listed(&self.index.services_by_target_group, target_group_arn)
    }

    pub fn target_group(&self, arn: &str) -> Option<&'a TargetGroup> {
        note(TargetGroup::KIND);
        self.index.target_groups.get(arn).copied()
    }

    pub fn role(&self, arn: &str) -> Option<&'a Role> {
        note(Role::KIND);
        self.index.roles.get(arn).copied()
    }

    /// The task definitions using a role as their task role.
    pub fn tasks_with_task_role(&self, role_arn: &str) -> &[&'a TaskDefinition] {
        note(TaskDefinition::KIND);
        listed(&self.index.task_definitions_by_task_role, role_arn)
    }

    pub fn log_group(&self, name: &str) -> Option<&'a LogGroup> {
        note(LogGroup::KIND);
        self.index.log_groups.get(name).copied()
    }

    /// Buckets that receive access logs: targets of S3 server access logging and of load
    /// balancer access logs (AWS delivers both only into SSE-S3 buckets). `Err` names the first
    /// bucket or load balancer whose logging settings could not be read, and why: then whether
    /// a bucket receives logs cannot be told.
    pub fn log_delivery_buckets(
        &self,
    ) -> Result<BTreeSet<&'a str>, (ResourceRef, &'a crate::inventory::FetchError)> {
        let buckets = self.inventory.buckets();
        let load_balancers = self.inventory.load_balancers();
        let unread = (buckets
            .iter()
            .map(|b| (b.reference(), b.errors.get("logging_target"))))
        .chain(
            load_balancers
                .iter()
                .map(|lb| (lb.reference(), lb.errors.get("attributes"))),
        )
        .chain((buckets.iter()).map(|b| (b.reference(), b.errors.get("*"))))
        .chain((load_balancers.iter()).map(|lb| (lb.reference(), lb.errors.get("*"))))
        .find_map(|(reference, error)| error.map(|error| (reference, error)));
        if let Some(unread) = unread {
            return Err(unread);
        }
        let from_buckets = buckets.iter().filter_map(|b| b.logging_target.as_deref());
        let from_load_balancers = load_balancers
            .iter()
            .filter(|lb| {
                lb.attributes
                    .get("access_logs.s3.enabled")
                    .map(String::as_str)
                    == Some("true")
            })
            .filter_map(|lb| {
                lb.attributes
                    .get("access_logs.s3.bucket")
                    .map(String::as_str)
            });
        Ok(from_buckets.chain(from_load_balancers).collect())
    }

    pub fn has_bucket(&self, name: &str) -> bool {
        note(Bucket::KIND);
        self.index.bucket_names.contains(name)
    }

    /// The stack's KMS key a reference names: key id, key ARN, alias name or alias ARN.
    pub fn kms_key(&self, reference: &str) -> Option<&'a KmsKey> {
        note(KmsKey::KIND);
        let alias = alias_name(reference);
        let key_id = reference
            .rsplit_once(":key/")
            .map_or(reference, |(_, id)| id);
        [reference, key_id, alias]
            .into_iter()
            .find_map(|name| self.index.kms_keys.get(name).copied())
    }

    /// The stack's secret a `valueFrom` names: its ARN, optionally followed by
    /// `:json-key:stage:version`.
    pub fn secret(&self, value_from: &str) -> Option<&'a Secret> {
        note(Secret::KIND);
        let prefixes = value_from
            .match_indices(':')
            .map(|(at, _)| &value_from[..at])
            .chain([value_from]);
        prefixes
            .filter_map(|prefix| self.index.secrets.get(prefix).copied())
            .next()
    }

    /// The scalable target of a resource id (`service/cluster/name`).
    pub fn scalable_target(&self, resource_id: &str) -> Option<&'a ScalableTarget> {
        note(ScalableTarget::KIND);
        self.index.scalable_targets.get(resource_id).copied()
    }

    /// The scaling policies of a resource id (`service/cluster/name`).
    pub fn scaling_policies_of(&self, resource_id: &str) -> &[&'a ScalingPolicy] {
        note(ScalingPolicy::KIND);
        listed(&self.index.scaling_policies, resource_id)
    }

    pub fn cloud_map_service(&self, arn: &str) -> Option<&'a CloudMapService> {
        note(CloudMapService::KIND);
        self.index.cloud_map_services.get(arn).copied()
    }

    pub fn cloud_map_namespace(&self, id: &str) -> Option<&'a CloudMapNamespace> {
        note(CloudMapNamespace::KIND);
        self.index.cloud_map_namespaces.get(id).copied()
    }

    pub fn db_instance(&self, id: &str) -> Option<&'a DbInstance> {
        note(DbInstance::KIND);
        self.index.db_instances.get(id).copied()
    }

    pub fn sns_topic(&self, arn: &str) -> Option<&'a SnsTopic> {
        note(SnsTopic::KIND);
        self.index.sns_topics.get(arn).copied()
    }

    pub fn has_ssm_parameter(&self, name: &str) -> bool {
        note(SsmParameter::KIND);
        self.index.ssm_parameters.contains(name)
    }

    /// The collected ECR repository an image reference (tag or digest) pulls from.
    pub fn image_repository(&self, image: &str) -> Option<&'a EcrRepository> {
        note(EcrRepository::KIND);
        let (repository, reference) = match image.split_once('@') {
            Some((repository, _)) => (repository, true),
            None => {
                let tag = image.rfind(':').filter(|at| !image[*at..].contains('/'));
                tag.map_or((image, false), |at| (&image[..at], true))
            }
        };
        let repository = self.index.ecr_repositories.get(repository).copied();
        repository.filter(|_| reference)
    }

    pub fn nat_gateway(&self, id: &str) -> Option<&'a NatGateway> {
        note(NatGateway::KIND);
        self.index.nat_gateways.get(id).copied()
    }

    pub fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        note(Subnet::KIND);
        self.index.subnets.get(id).copied()
    }

    /// The route table that applies to a subnet: its explicit association, else the VPC's main table.
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&'a RouteTable> {
        note(RouteTable::KIND);
        (self.index.associated_tables.get(subnet.id.as_str()))
            .or_else(|| self.index.main_tables.get(subnet.vpc_id.as_str()))
            .copied()
    }

    /// Whether the subnet's route table sends traffic to an internet gateway.
    pub fn routes_to_internet_gateway(&self, subnet: &Subnet) -> bool {
        self.route_table_of(subnet).is_some_and(|table| {
            table
                .routes
                .iter()
                .any(|route| route.targets_internet_gateway())
        })
    }

    /// The subnet's tier: as declared by the stack, else public when it routes to an IGW.
    pub fn subnet_tier(&self, subnet: &Subnet) -> SubnetTier {
        note(Subnet::KIND);
        note(RouteTable::KIND);
        note(InternetGateway::KIND);
        self.subnet_tiers
            .get(subnet.id.as_str())
            .copied()
            .unwrap_or_else(|| self.judge_subnet_tier(subnet))
    }

    fn judge_subnet_tier(&self, subnet: &Subnet) -> SubnetTier {
        match subnet
            .declared_tier
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("public") => SubnetTier::Public,
            Some("private" | "isolated") => SubnetTier::Private,
            _ if self.routes_to_internet_gateway(subnet) => SubnetTier::Public,
            _ => SubnetTier::Private,
        }
    }

    pub fn subnets_in(&self, tier: SubnetTier) -> impl Iterator<Item = &'a Subnet> + '_ {
        self.inventory
            .subnets()
            .iter()
            .filter(move |subnet| self.subnet_tier(subnet) == tier)
    }

    /// The subnets among `ids` that are public (by [`Self::subnet_tier`]).
    pub fn public_subnets_among<'i>(&self, ids: &'i [String]) -> Vec<&'i String> {
        note(Subnet::KIND);
        note(RouteTable::KIND);
        note(InternetGateway::KIND);
        ids.iter()
            .filter(|id| self.subnet_tiers.get(id.as_str()) == Some(&SubnetTier::Public))
            .collect()
    }

    /// The tiers of a security group, from what it is attached to.
    pub fn group_tiers(&self, group_id: &str) -> BTreeSet<Tier> {
        note(LoadBalancer::KIND);
        note(EcsService::KIND);
        note(DbCluster::KIND);
        self.index
            .group_tiers
            .get(group_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Security groups attached to internet-facing load balancers.
    pub fn internet_facing_groups(&self) -> BTreeSet<&'a str> {
        self.inventory
            .load_balancers()
            .iter()
            .filter(|lb| lb.scheme == "internet-facing")
            .flat_map(|lb| lb.security_group_ids.iter().map(String::as_str))
            .collect()
    }

    /// The stack's customer-managed KMS keys.
    pub fn customer_keys(&self) -> impl Iterator<Item = &'a crate::inventory::KmsKey> + use<'a> {
        self.inventory
            .kms_keys()
            .iter()
            .filter(|key| key.is_customer_managed())
    }

    /// Whether a resource the stack refers to is the stack's own ([`crate::inventory::RunMeta::owns`]).
    pub fn is_stacks_own(&self, name: &str, ids: &[&str]) -> Option<bool> {
        self.inventory.meta().owns(name, ids)
    }

    /// Whether a KMS key is the stack's own ([`crate::inventory::RunMeta::owns_key`]).
    pub fn is_stacks_key(&self, key: &KmsKey) -> Option<bool> {
        self.inventory.meta().owns_key(key)
    }

    /// Whether a KMS key reference (id, ARN, alias or alias ARN) names a customer-managed key;
    /// `None` when the key is not in the inventory and the reference alone does not tell.
    pub fn is_customer_key(&self, reference: &str) -> Option<bool> {
        if alias_name(reference).starts_with("aws/") {
            return Some(false);
        }
        self.kms_key(reference).map(|key| key.is_customer_managed())
    }
}

/// The alias name a KMS reference holds, without `alias/` (`arn:…:alias/app` → `app`); the
/// reference itself when it holds none.
fn alias_name(reference: &str) -> &str {
    let alias = reference
        .rsplit_once(":alias/")
        .map_or(reference, |(_, name)| name);
    alias.strip_prefix("alias/").unwrap_or(alias)
}

fn listed<'m, 'a, T>(map: &'m HashMap<&'a str, Vec<&'a T>>, key: &str) -> &'m [&'a T] {
    map.get(key).map_or(&[], Vec::as_slice)
}
