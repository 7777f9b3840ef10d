//! No silent pass, on every check and both its fixtures: for each kind of resource the fixture
//! holds, take the kind away as a failed listing would (its resources absent, the collection
//! recorded incomplete), or leave its resources in place but undescribable (a `*` fetch error on
//! each); and for each attribute the collector fetches with a call of its own (the contract,
//! `inventory::FETCHED`), fail that call on every resource of the kind: the attribute left at
//! its default, as the collector leaves it, and the error recorded. Against the fixture's clean
//! results:
//! - no result that was `fail` becomes `pass`, and no `pass` appears that was not there;
//! - every clean result is still there, or the check has an `error` naming the failed call.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rstest::rstest;
use serde_json::{Value, json};
use stackproof_checks::engine::{evaluate, lost_verdicts};
use stackproof_checks::inventory::{FETCHED, Inventory};
use stackproof_checks::profile::Profile;
use stackproof_checks::registry;
use stackproof_checks::result::CheckResult;

const OPERATION: &str = "test:DeniedListing";

/// Inventory field → (kind, the field naming a resource), as `resource!` declares them.
const KINDS: &[(&str, &str, &str)] = &[
    ("vpcs", "vpc", "id"),
    ("subnets", "subnet", "id"),
    ("route_tables", "route-table", "id"),
    ("internet_gateways", "internet-gateway", "id"),
    ("nat_gateways", "nat-gateway", "id"),
    ("vpc_endpoints", "vpc-endpoint", "id"),
    ("security_groups", "security-group", "id"),
    ("flow_logs", "flow-log", "id"),
    ("vpc_peerings", "vpc-peering", "id"),
    ("ecs_clusters", "ecs-cluster", "name"),
    ("ecs_services", "ecs-service", "name"),
    ("task_definitions", "task-definition", "arn"),
    ("load_balancers", "load-balancer", "name"),
    ("listeners", "listener", "arn"),
    ("target_groups", "target-group", "name"),
    ("db_clusters", "db-cluster", "id"),
    ("db_instances", "db-instance", "id"),
    ("buckets", "s3-bucket", "name"),
    ("roles", "iam-role", "name"),
    ("log_groups", "log-group", "name"),
    ("kms_keys", "kms-key", "id"),
    ("secrets", "secret", "name"),
    ("sns_topics", "sns-topic", "arn"),
    ("ecr_repositories", "ecr-repository", "name"),
    ("cloud_map_namespaces", "cloud-map-namespace", "id"),
    ("cloud_map_services", "cloud-map-service", "id"),
    ("scalable_targets", "scalable-target", "resource_id"),
    ("scaling_policies", "scaling-policy", "name"),
    ("ssm_parameters", "ssm-parameter", "name"),
    ("dashboards", "dashboard", "name"),
    ("alarms", "alarm", "name"),
];

#[test]
fn the_kind_table_lists_every_kind_the_engine_knows() {
    let ours: Vec<&str> = KINDS.iter().map(|(_, kind, _)| *kind).collect();
    assert_eq!(ours, stackproof_checks::context::KINDS);
}

fn results(check_id: &str, profile: &Profile, inventory: &Value) -> Vec<CheckResult> {
    let inventory: Inventory = serde_json::from_value(inventory.clone()).unwrap();
    let check = registry::find(check_id).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    evaluate(&inventory, profile, &[check], &[], today).results
}

/// The fixture's inventory with `field`'s resources gone and their listing recorded as failed.
fn listing_failed(inventory: &Value, field: &str, kind: &str) -> Value {
    let mut inventory = inventory.clone();
    inventory[field] = json!([]);
    inventory["incomplete"] = json!([{
        "kind": kind, "scope": "vpc-1", "operation": OPERATION, "message": "AccessDenied: denied"
    }]);
    inventory
}

/// The fixture's inventory with `field`'s resources reduced to their names and undescribable.
fn undescribable(inventory: &Value, field: &str, id_field: &str) -> Value {
    let mut inventory = inventory.clone();
    let items: Vec<Value> = inventory[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            json!({
                id_field: item[id_field].clone(),
                "errors": {"*": {"operation": OPERATION, "message": "AccessDenied: denied"}}
            })
        })
        .collect();
    inventory[field] = Value::Array(items);
    inventory
}

/// The fixture's inventory with `attribute` of every `field` resource unread: removed (so at its
/// default) and its fetch error recorded. `None` when no resource of the kind has the attribute.
fn attribute_failed(inventory: &Value, field: &str, attribute: &str) -> Option<Value> {
    let mut inventory = inventory.clone();
    let mut touched = false;
    for item in inventory[field].as_array_mut()? {
        let object = item.as_object_mut()?;
        touched |= object.remove(attribute).is_some();
        let errors = object.entry("errors").or_insert_with(|| json!({}));
        errors[attribute] = json!({"operation": OPERATION, "message": "AccessDenied: denied"});
    }
    touched.then_some(inventory)
}

/// The assertions of the module doc, `what` naming the variant for the failure message.
fn assert_nothing_lost(clean: &[CheckResult], degraded: &[CheckResult], what: &str) {
    let lost = lost_verdicts(clean, degraded, OPERATION);
    assert!(lost.is_empty(), "{what}:\n  {}", lost.join("\n  "));
}

#[rstest]
fn failed_calls_never_shrink_the_verdict(#[files("../fixtures/checks/*/*.json")] path: PathBuf) {
    let check_id = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap();
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let profile: Profile = match &fixture["profile"] {
        Value::Null => Profile::default(),
        profile => serde_json::from_value(profile.clone()).unwrap(),
    };
    let inventory = &fixture["inventory"];
    let clean = results(check_id, &profile, inventory);
    for (field, kind, id_field) in KINDS {
        let present = inventory[*field].as_array().is_some_and(|a| !a.is_empty());
        if !present {
            continue;
        }
        let what = format!("{} with {kind} unlisted", path.display());
        let degraded = results(check_id, &profile, &listing_failed(inventory, field, kind));
        assert_nothing_lost(&clean, &degraded, &what);
        let what = format!("{} with {kind} undescribable", path.display());
        let degraded = results(
            check_id,
            &profile,
            &undescribable(inventory, field, id_field),
        );
        assert_nothing_lost(&clean, &degraded, &what);
        let fetched = FETCHED.iter().filter(|(k, _)| k == kind);
        for attribute in fetched.flat_map(|(_, attributes)| attributes.iter()) {
            let Some(failed) = attribute_failed(inventory, field, attribute) else {
                continue;
            };
            let what = format!("{} with {kind}.{attribute} unread", path.display());
            assert_nothing_lost(&clean, &results(check_id, &profile, &failed), &what);
        }
    }
}
