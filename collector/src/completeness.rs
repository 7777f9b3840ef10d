//! What a failed call hid: every failure that can leave resources out of the inventory becomes an
//! [`Incomplete`] record for the kinds it hid, so checks over those kinds cannot pass.
//!
//! Three sources, applied once after discovery:
//! 1. listings the services record themselves (a VPC's security groups, a cluster's services …);
//! 2. resources that could not be described (`*`) or whose child listing failed (a cluster's
//!    `services`, a load balancer's `listeners` …): the kinds discovery reaches only through
//!    them are incomplete too ([`found_through`]);
//! 3. the safety net: any call that failed (as the SDK interceptor saw it) and that nothing in
//!    the inventory accounts for makes every kind incomplete.

use std::collections::BTreeSet;

use stackproof_checks::inventory::{ANY_KIND, FetchError, Incomplete, Inventory};

/// The kinds discovery reaches only through a resource of `kind` (directly or further down).
pub fn found_through(kind: &str) -> Vec<&'static str> {
    const VPC: &[&str] = &[
        "subnet",
        "route-table",
        "internet-gateway",
        "nat-gateway",
        "vpc-endpoint",
        "security-group",
        "flow-log",
        "vpc-peering",
    ];
    // What a VPC's flow logs deliver to and with.
    const FLOW: &[&str] = &["log-group", "iam-role", "kms-key"];
    const TASK: &[&str] = &[
        "iam-role",
        "log-group",
        "secret",
        "ecr-repository",
        "kms-key",
    ];
    const SERVICE: &[&str] = &[
        "task-definition",
        "cloud-map-service",
        "cloud-map-namespace",
        "scalable-target",
        "scaling-policy",
    ];
    let lists: &[&[&str]] = match kind {
        "vpc" => &[VPC, FLOW],
        "flow-log" => &[FLOW],
        "ecs-cluster" => &[&["ecs-service"], SERVICE, TASK],
        "ecs-service" => &[SERVICE, TASK],
        "task-definition" => &[TASK],
        "load-balancer" => &[&["listener", "target-group", "vpc"], VPC, FLOW],
        "db-cluster" => &[&["db-instance", "kms-key", "secret"]],
        "cloud-map-namespace" => &[&["cloud-map-service"]],
        "cloud-map-service" => &[&["cloud-map-namespace"]],
        "scalable-target" => &[&["scaling-policy"]],
        "s3-bucket" | "log-group" | "secret" | "sns-topic" => &[&["kms-key"]],
        _ => &[],
    };
    lists.iter().flat_map(|list| list.iter().copied()).collect()
}

/// Attribute errors that are failed listings of other resources: (kind, attribute, listed kind).
const CHILD_LISTINGS: &[(&str, &str, &str)] = &[
    ("ecs-cluster", "services", "ecs-service"),
    ("load-balancer", "listeners", "listener"),
    ("load-balancer", "target_groups", "target-group"),
    // A listener whose rules are unknown may forward anywhere: the listeners are incomplete.
    ("listener", "rules", "listener"),
    ("db-cluster", "members", "db-instance"),
    ("cloud-map-namespace", "services", "cloud-map-service"),
    ("scalable-target", "policies", "scaling-policy"),
];

/// Adds the records of sources 2 and 3 to `inventory.incomplete` (which holds source 1).
pub fn account(inventory: &mut Inventory, failed_calls: &[FetchError]) {
    let mut records = std::mem::take(&mut inventory.incomplete);
    for record in records.clone() {
        for hidden in found_through(&record.kind) {
            records.push(Incomplete {
                kind: hidden.to_string(),
                ..record.clone()
            });
        }
    }
    let fetch_errors = inventory.fetch_errors();
    for (reference, attribute, error) in &fetch_errors {
        let attribute = *attribute;
        let scope = format!("{} {}", reference.kind, reference.id);
        let listed = CHILD_LISTINGS
            .iter()
            .find(|(kind, name, _)| *kind == reference.kind && *name == attribute)
            .map(|(_, _, listed)| *listed);
        let hidden: Vec<&str> = match (attribute, listed) {
            ("*", _) => found_through(&reference.kind),
            (_, Some(listed)) => std::iter::once(listed)
                .chain(found_through(listed))
                .collect(),
            _ => Vec::new(),
        };
        for kind in hidden {
            records.push(Incomplete::new(kind, scope.clone(), error));
        }
    }
    let accounted: BTreeSet<String> = (records.iter().map(|r| r.operation.clone()))
        .chain(inventory.missing.iter().map(|m| m.operation.clone()))
        .chain(fetch_errors.iter().map(|(_, _, e)| e.operation.clone()))
        .collect();
    for call in failed_calls {
        if !accounted.contains(&call.operation) {
            records.push(Incomplete::new(ANY_KIND, "the stack", call));
        }
    }
    let mut seen = BTreeSet::new();
    records.retain(|r| seen.insert((r.kind.clone(), r.scope.clone(), r.operation.clone())));
    inventory.incomplete = records;
}
