//! The evaluation engine: runs checks over an inventory and a profile, applies waivers.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::check::Check;
use crate::inventory::{
    Container, EcsService, Inventory, Resource, ResourceRef, RouteTable, Subnet,
};
use crate::profile::{Profile, Tier};
use crate::result::{CheckResult, Evidence, Finding, Status};
use crate::waiver::{Waiver, apply_waivers};

/// What a check sees: the inventory, the profile, and indexes for cross-resource questions.
pub struct Context<'a> {
    pub inventory: &'a Inventory,
    pub profile: &'a Profile,
    group_tiers: BTreeMap<&'a str, BTreeSet<Tier>>,
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
        let mut group_tiers: BTreeMap<&str, BTreeSet<Tier>> = BTreeMap::new();
        let mut add = |ids: &'a [String], tier| {
            for id in ids {
                group_tiers.entry(id.as_str()).or_default().insert(tier);
            }
        };
        inventory
            .load_balancers
            .iter()
            .for_each(|lb| add(&lb.security_group_ids, Tier::LoadBalancer));
        inventory
            .ecs_services
            .iter()
            .for_each(|service| add(&service.security_group_ids, Tier::Application));
        inventory
            .db_clusters
            .iter()
            .for_each(|cluster| add(&cluster.security_group_ids, Tier::Database));
        Self {
            inventory,
            profile,
            group_tiers,
        }
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
        self.inventory.meta.unmodelled.contains(&key).then(|| {
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
            Finding::pass(subject, format!("found {ids:?}"))
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
        self.inventory
            .meta
            .environment_suffix
            .as_deref()
            .and_then(|suffix| name.strip_suffix(suffix))
            .and_then(|rest| rest.strip_suffix(['-', '_', '.']))
            .unwrap_or(name)
    }

    /// Whether `name` is the resource the profile calls `base` (suffix and separators aside).
    pub fn names_base(&self, name: &str, base: &str) -> bool {
        let name = self.base_name(name);
        name == base
            || name
                .strip_prefix(base)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
    }

    /// Judges each resource, turning a failed fetch of any of `attributes` into `error`.
    pub fn each<'r, R: Resource + 'r>(
        &self,
        resources: impl IntoIterator<Item = &'r R>,
        attributes: &[&str],
        judge: impl Fn(&R) -> Finding,
    ) -> Vec<Finding> {
        resources
            .into_iter()
            .map(|resource| {
                Finding::unreadable(resource, attributes).unwrap_or_else(|| judge(resource))
            })
            .collect()
    }

    /// The containers of a service's task definition (none when it is not in the inventory).
    pub fn containers_of(
        &self,
        service: &EcsService,
    ) -> impl Iterator<Item = &'a Container> + use<'a> {
        let arn = service.task_definition_arn.clone();
        self.inventory
            .task_definitions
            .iter()
            .filter(move |t| t.arn == arn)
            .flat_map(|t| t.containers.iter())
    }

    /// The route table that applies to a subnet: its explicit association, else the VPC's main table.
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&'a RouteTable> {
        let tables = &self.inventory.route_tables;
        tables
            .iter()
            .find(|table| table.subnet_ids.contains(&subnet.id))
            .or_else(|| {
                tables
                    .iter()
                    .find(|table| table.main && table.vpc_id == subnet.vpc_id)
            })
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
        match subnet
            .declared_tier
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("public") => SubnetTier::Public,
            Some("private") => SubnetTier::Private,
            _ if self.routes_to_internet_gateway(subnet) => SubnetTier::Public,
            _ => SubnetTier::Private,
        }
    }

    pub fn subnets_in(&self, tier: SubnetTier) -> impl Iterator<Item = &'a Subnet> + '_ {
        self.inventory
            .subnets
            .iter()
            .filter(move |subnet| self.subnet_tier(subnet) == tier)
    }

    /// The subnets among `ids` that are public (by [`Self::subnet_tier`]).
    pub fn public_subnets_among<'i>(&self, ids: &'i [String]) -> Vec<&'i String> {
        ids.iter()
            .filter(|id| {
                self.inventory
                    .subnets
                    .iter()
                    .any(|s| &s.id == *id && self.subnet_tier(s) == SubnetTier::Public)
            })
            .collect()
    }

    /// The tiers of a security group, from what it is attached to.
    pub fn group_tiers(&self, group_id: &str) -> BTreeSet<Tier> {
        self.group_tiers.get(group_id).cloned().unwrap_or_default()
    }

    /// Security groups attached to internet-facing load balancers.
    pub fn internet_facing_groups(&self) -> BTreeSet<&'a str> {
        self.inventory
            .load_balancers
            .iter()
            .filter(|lb| lb.scheme == "internet-facing")
            .flat_map(|lb| lb.security_group_ids.iter().map(String::as_str))
            .collect()
    }

    /// The stack's customer-managed KMS keys.
    pub fn customer_keys(&self) -> impl Iterator<Item = &'a crate::inventory::KmsKey> + use<'a> {
        self.inventory
            .kms_keys
            .iter()
            .filter(|key| key.key_manager == "CUSTOMER")
    }

    /// Whether a KMS key reference (id, ARN, alias or alias ARN) names a customer-managed key;
    /// `None` when the key is not in the inventory and the reference alone does not tell.
    pub fn is_customer_key(&self, reference: &str) -> Option<bool> {
        let alias = reference
            .rsplit_once(":alias/")
            .map_or(reference, |(_, name)| name);
        let alias = alias.strip_prefix("alias/").unwrap_or(alias);
        if alias.starts_with("aws/") {
            return Some(false);
        }
        let key_id = reference
            .rsplit_once(":key/")
            .map_or(reference, |(_, id)| id);
        self.inventory
            .kms_keys
            .iter()
            .find(|key| {
                key.id == key_id
                    || key.arn == reference
                    || key
                        .aliases
                        .iter()
                        .any(|a| a.strip_prefix("alias/").unwrap_or(a) == alias)
            })
            .map(|key| key.key_manager == "CUSTOMER")
    }
}

/// The results of one evaluation.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Evaluation {
    pub results: Vec<CheckResult>,
    /// Waivers that matched nothing because they have expired.
    pub expired_waivers: Vec<Waiver>,
}

impl Evaluation {
    pub fn count(&self, status: Status) -> usize {
        self.results
            .iter()
            .filter(|result| result.status == status)
            .count()
    }
}

/// Runs `checks` over the inventory; a check that judges nothing yields one `skip` for the stack.
pub fn evaluate(
    inventory: &Inventory,
    profile: &Profile,
    checks: &[&Check],
    waivers: &[Waiver],
    today: NaiveDate,
) -> Evaluation {
    let context = Context::new(inventory, profile);
    let unreadable = inventory.unreadable();
    let mut results = Vec::new();
    for check in checks {
        let mut findings = (check.evaluate)(&context);
        // Safety net: a resource that could not be described never passes, whatever a check
        // concluded from the outputs' names alone.
        for finding in findings.iter_mut().filter(|f| f.status == Status::Pass) {
            if let Some(error) = unreadable.get(&finding.resource) {
                *finding = Finding::fetch_error(finding.resource.clone(), "*", error);
            }
        }
        if findings.is_empty() {
            findings.push(Finding::skip(
                ResourceRef::stack(),
                "not applicable: no matching resources in the inventory",
            ));
        }
        results.extend(findings.into_iter().map(|finding| CheckResult {
            check_id: check.meta.id.to_string(),
            resource: finding.resource,
            status: finding.status,
            message: finding.message,
            evidence: finding.evidence,
            waiver: None,
        }));
    }
    let expired_waivers = apply_waivers(&mut results, waivers, today);
    Evaluation {
        results,
        expired_waivers,
    }
}
