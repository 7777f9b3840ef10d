//! The inventory: what the collector found, in our own serde model (no AWS SDK types).
//!
//! Every list defaults to empty and every struct rejects unknown fields, so hand-written fixtures
//! stay short and typos in them are errors. Attributes fetched by a call of their own carry a
//! failure in the resource's `errors` map (attribute name → failed operation) instead of a value;
//! checks that read such an attribute report `error`, never `pass`.

mod compute;
mod data;
mod edge;
mod fetched;
mod identity;
mod network;
mod observability;
mod platform;
mod redact;
mod validate;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use compute::*;
pub use data::*;
pub use edge::*;
pub use fetched::{FETCHED, is_fetched, not_read_error, unneeded_reads};
pub use identity::*;
pub use network::*;
pub use observability::*;
pub use platform::*;
pub use redact::{REDACTED, looks_like_credential, looks_like_secret_name};

/// Version of the inventory JSON format; bumped on incompatible changes.
pub const INVENTORY_SCHEMA_VERSION: u32 = 1;

/// Resource tags, key → value.
pub type Tags = BTreeMap<String, String>;

/// Attribute name → the call that should have produced it and why it failed. The key `*` means
/// the resource itself could not be described.
pub type FetchErrors = BTreeMap<String, FetchError>;

/// A failed API call, recorded where its data would have been.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchError {
    /// `service:Operation`, e.g. `s3:GetBucketEncryption`.
    pub operation: String,
    pub message: String,
}

/// Everything collected for one stack.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Inventory {
    pub schema_version: u32,
    pub meta: RunMeta,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub security_groups: Vec<SecurityGroup>,
    pub flow_logs: Vec<FlowLog>,
    pub vpc_peerings: Vec<VpcPeering>,
    pub ecs_clusters: Vec<EcsCluster>,
    pub ecs_services: Vec<EcsService>,
    pub task_definitions: Vec<TaskDefinition>,
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub target_groups: Vec<TargetGroup>,
    pub db_clusters: Vec<DbCluster>,
    pub db_instances: Vec<DbInstance>,
    pub buckets: Vec<Bucket>,
    pub roles: Vec<Role>,
    pub log_groups: Vec<LogGroup>,
    pub kms_keys: Vec<KmsKey>,
    pub secrets: Vec<Secret>,
    pub sns_topics: Vec<SnsTopic>,
    pub ecr_repositories: Vec<EcrRepository>,
    pub cloud_map_namespaces: Vec<CloudMapNamespace>,
    pub cloud_map_services: Vec<CloudMapService>,
    pub scalable_targets: Vec<ScalableTarget>,
    pub scaling_policies: Vec<ScalingPolicy>,
    pub ssm_parameters: Vec<SsmParameter>,
    pub dashboards: Vec<Dashboard>,
    pub alarms: Vec<Alarm>,
    /// Resources the outputs name that the target does not have (any more).
    pub missing: Vec<MissingResource>,
    /// Listings and batch describes that failed: resources of these kinds may be absent.
    pub incomplete: Vec<Incomplete>,
}

impl Inventory {
    /// How many resources the inventory holds (missing ones not counted).
    pub fn resource_count(&self) -> usize {
        [
            self.vpcs.len(),
            self.subnets.len(),
            self.route_tables.len(),
            self.internet_gateways.len(),
            self.nat_gateways.len(),
            self.vpc_endpoints.len(),
            self.security_groups.len(),
            self.flow_logs.len(),
            self.ecs_clusters.len(),
            self.ecs_services.len(),
            self.task_definitions.len(),
            self.load_balancers.len(),
            self.listeners.len(),
            self.target_groups.len(),
            self.db_clusters.len(),
            self.db_instances.len(),
            self.buckets.len(),
            self.roles.len(),
            self.log_groups.len(),
            self.kms_keys.len(),
            self.secrets.len(),
            self.sns_topics.len(),
            self.vpc_peerings.len(),
            self.ecr_repositories.len(),
            self.cloud_map_namespaces.len(),
            self.cloud_map_services.len(),
            self.scalable_targets.len(),
            self.scaling_policies.len(),
            self.ssm_parameters.len(),
            self.dashboards.len(),
            self.alarms.len(),
        ]
        .iter()
        .sum()
    }

    /// Calls `visit` with every resource's reference and fetch errors, kind by kind.
    pub fn visit<'a>(&'a self, mut visit: impl FnMut(ResourceRef, &'a FetchErrors)) {
        fn each<'a, R: Resource>(
            items: &'a [R],
            visit: &mut impl FnMut(ResourceRef, &'a FetchErrors),
        ) {
            for item in items {
                visit(item.reference(), item.errors());
            }
        }
        let v = &mut visit;
        each(&self.vpcs, v);
        each(&self.subnets, v);
        each(&self.route_tables, v);
        each(&self.internet_gateways, v);
        each(&self.nat_gateways, v);
        each(&self.vpc_endpoints, v);
        each(&self.security_groups, v);
        each(&self.flow_logs, v);
        each(&self.vpc_peerings, v);
        each(&self.ecs_clusters, v);
        each(&self.ecs_services, v);
        each(&self.task_definitions, v);
        each(&self.load_balancers, v);
        each(&self.listeners, v);
        each(&self.target_groups, v);
        each(&self.db_clusters, v);
        each(&self.db_instances, v);
        each(&self.buckets, v);
        each(&self.roles, v);
        each(&self.log_groups, v);
        each(&self.kms_keys, v);
        each(&self.secrets, v);
        each(&self.sns_topics, v);
        each(&self.ecr_repositories, v);
        each(&self.cloud_map_namespaces, v);
        each(&self.cloud_map_services, v);
        each(&self.scalable_targets, v);
        each(&self.scaling_policies, v);
        each(&self.ssm_parameters, v);
        each(&self.dashboards, v);
        each(&self.alarms, v);
    }

    /// Every recorded fetch error: (resource, attribute, error); attribute `*` means the resource
    /// itself could not be described.
    pub fn fetch_errors(&self) -> Vec<(ResourceRef, &str, &FetchError)> {
        let mut all = Vec::new();
        self.visit(|reference, errors| {
            for (attribute, error) in errors {
                all.push((reference.clone(), attribute.as_str(), error));
            }
        });
        all
    }

    /// Resources that could not be described at all (a `*` fetch error), by reference.
    pub fn unreadable(&self) -> BTreeMap<ResourceRef, &FetchError> {
        (self.fetch_errors().into_iter())
            .filter(|(_, attribute, _)| *attribute == "*")
            .map(|(reference, _, error)| (reference, error))
            .collect()
    }

    /// API requests the collection made.
    pub fn api_requests(&self) -> u64 {
        self.meta.api_calls.values().sum()
    }
}

/// Facts about the collection run itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunMeta {
    pub target: String,
    pub account: Option<String>,
    /// The ARN of the identity the collection ran as (from `sts:GetCallerIdentity`).
    pub caller: Option<String>,
    pub region: Option<String>,
    pub outputs_file: Option<String>,
    pub collected_at: Option<String>,
    /// `service:Operation` → how many requests were sent.
    pub api_calls: BTreeMap<String, u64>,
    /// Phase name → milliseconds.
    pub phase_ms: BTreeMap<String, u64>,
    /// `service:Operation` → identical requests sent again (should stay empty).
    pub repeated_requests: BTreeMap<String, u64>,
    /// Output key → what the value was classified as (`load-balancer-dns`, `bucket` …).
    pub outputs: BTreeMap<String, String>,
    /// The stack's environment suffix (from an `EnvironmentSuffix` output or `--environment-suffix`).
    pub environment_suffix: Option<String>,
    /// What the outputs name (ids, ARNs, names as written; sensitive values and plain settings
    /// left out): a resource an output names is the stack's own.
    pub named_by_outputs: BTreeSet<String>,
    /// Each of `named_by_outputs` → the line of the outputs file that declares it (where
    /// SARIF points code scanning).
    pub output_lines: BTreeMap<String, usize>,
    /// The profile file the run was judged by, when it is a file (not a built-in profile).
    pub profile_file: Option<String>,
    /// `section.key` → the line of `profile_file` that sets it.
    pub profile_lines: BTreeMap<String, usize>,
    /// The stack's name, when the outputs tell it (a CloudFormation/CDK outputs file keyed by
    /// stack, or a `StackName` output).
    pub stack: Option<String>,
    /// Attributes (`kind.attribute`, e.g. `ecs-service.health_check_grace_period_seconds`) the
    /// target is known not to model; checks reading them `skip` instead of judging.
    pub unmodelled: Vec<String>,
    /// `kind.attribute` the collection did not read because no check of the run's profile reads
    /// it (`log-group.tags` without `stack.required_tags`: one request per group). A check that
    /// reads one anyway (an inventory saved by one profile, judged by another) says `error`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_read: Vec<String>,
    /// Template mode: each resource the template declares (by logical id) and how it was read.
    /// Empty for a deployed stack.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub template_resources: BTreeMap<String, TemplateResource>,
}

/// How template mode read one resource of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateResource {
    /// The CloudFormation type (`AWS::EC2::SecurityGroup`), as written.
    pub resource_type: String,
    pub state: TemplateResourceState,
    /// What it was read as, or why it was not: `security-group sg-Web`, `condition IsProd is
    /// false`, `changes bucket logs, which the template does not declare`.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateResourceState {
    /// Read into the inventory (or applied to the resource it changes): the checks judge it.
    Judged,
    /// Not created with the parameter values given: its condition is false.
    NotCreated,
    /// Of a type no check covers.
    NotCovered,
    /// Changes a resource the template does not declare, which no check can see.
    Unattached,
}

impl RunMeta {
    /// Whether a resource the stack refers to is the stack's own: an output names it (by its
    /// `name` or any other of its `ids`: ARN, URI …) or its name carries the environment
    /// suffix as a word of it. Generated ids are never searched for the suffix: a UUID or an
    /// ARN's random tail can contain the same letters. `None` when nothing tells: no output
    /// names it and the suffix is unknown.
    pub fn owns(&self, name: &str, ids: &[&str]) -> Option<bool> {
        let named = std::iter::once(name).chain(ids.iter().copied());
        if named
            .into_iter()
            .any(|id| self.named_by_outputs.contains(id))
        {
            return Some(true);
        }
        self.suffix_in_any(&[name])
    }

    /// Whether a KMS key is the stack's own: an output names it (by id, ARN or alias, as the
    /// collector matched it) or one of its aliases carries the environment suffix.
    pub fn owns_key(&self, key: &KmsKey) -> Option<bool> {
        if key.named_by_output.is_some() {
            return Some(true);
        }
        let aliases: Vec<&str> = key.aliases.iter().map(String::as_str).collect();
        self.suffix_in_any(&aliases)
    }

    /// Whether any of `names` carries the environment suffix as a word (`orders-x1`,
    /// `/x1/orders`, not `x1po`); `None` when the suffix is unknown.
    fn suffix_in_any(&self, names: &[&str]) -> Option<bool> {
        let suffix = (self.environment_suffix.as_deref()).filter(|s| !s.is_empty())?;
        Some(names.iter().any(|name| has_word(name, suffix)))
    }

    /// A resource name without the environment suffix (`frontend-ab12cd` → `frontend`).
    pub fn base_name<'n>(&self, name: &'n str) -> &'n str {
        self.environment_suffix
            .as_deref()
            .and_then(|suffix| name.strip_suffix(suffix))
            .and_then(|rest| rest.strip_suffix(['-', '_', '.']))
            .unwrap_or(name)
    }
}

/// A collection that did not complete: a listing or batch describe failed, so resources of `kind`
/// within `scope` may be absent from the inventory. Checks that read `kind` cannot pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incomplete {
    /// The resource kind that may be missing (`security-group`), or [`ANY_KIND`] when the failed
    /// call cannot be tied to one kind.
    pub kind: String,
    /// What the failed call covered, in words (`vpc-0abc`, `cluster app`, `the stack`).
    pub scope: String,
    /// `service:Operation`, e.g. `ec2:DescribeSecurityGroups`.
    pub operation: String,
    pub message: String,
}

/// The kind of an [`Incomplete`] record that concerns every kind.
pub const ANY_KIND: &str = "*";

impl Incomplete {
    pub fn new(kind: &str, scope: impl Into<String>, error: &FetchError) -> Self {
        Self {
            kind: kind.to_string(),
            scope: scope.into(),
            operation: error.operation.clone(),
            message: error.message.clone(),
        }
    }

    /// What could not be seen, in words: "security-group of vpc-1 (ec2:DescribeSecurityGroups:
    /// AccessDenied: …)".
    pub fn describe(&self) -> String {
        let kind = if self.kind == ANY_KIND {
            "resources"
        } else {
            &self.kind
        };
        format!(
            "{kind} of {} could not be listed ({}: {})",
            self.scope, self.operation, self.message
        )
    }
}

/// A resource the outputs name but the target does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingResource {
    pub kind: String,
    pub id: String,
    pub output_key: Option<String>,
    pub operation: String,
}

impl MissingResource {
    /// A missing resource the outputs name (its output key is filled in by discovery).
    pub fn named(kind: &str, id: impl Into<String>, operation: &str) -> Self {
        Self {
            kind: kind.to_string(),
            id: id.into(),
            output_key: None,
            operation: operation.to_string(),
        }
    }
}

/// What a result is about: a resource's kind, id and (when it has one) name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceRef {
    pub kind: String,
    pub id: String,
}

impl ResourceRef {
    pub fn new(kind: &str, id: &str) -> Self {
        Self {
            kind: kind.to_string(),
            id: id.to_string(),
        }
    }

    /// The whole stack, for stack-level rules.
    pub fn stack() -> Self {
        Self::new("stack", "stack")
    }
}

impl std::fmt::Display for ResourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind, self.id)
    }
}

/// Implemented by every inventory resource: how results name it and where its fetch errors live.
pub trait Resource {
    const KIND: &'static str;
    fn id(&self) -> &str;
    fn errors(&self) -> &FetchErrors;
    fn reference(&self) -> ResourceRef {
        ResourceRef::new(Self::KIND, self.id())
    }
}

/// Implements [`Resource`] for a struct with an `errors` field and the named id field.
macro_rules! resource {
    ($type:ty, $kind:literal, $id:ident) => {
        impl $crate::inventory::Resource for $type {
            const KIND: &'static str = $kind;
            fn id(&self) -> &str {
                &self.$id
            }
            fn errors(&self) -> &$crate::inventory::FetchErrors {
                &self.errors
            }
        }
    };
}
pub(crate) use resource;

/// Whether `word` occurs in `text` with no letter or digit right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    let is_word_char = |c: char| c.is_ascii_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}
