//! Drift: identical environments agree; a changed rule, retention, variable key or listener is
//! reported once, naming the attribute and each environment's value; allowed keys are not.

use stackproof_checks::drift::{Environment, aspects, compare};
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::Profile;
use stackproof_checks::result::Status;

/// One environment `env` of a small stack (suffix `x1`).
fn environment(env: &str, retention: i32) -> Inventory {
    serde_json::from_value(serde_json::json!({
        "meta": {"target": "t", "environment_suffix": "x1", "account": "123456789012", "region": "us-east-1"},
        "security_groups": [
            {"id": format!("sg-{env}0000000a"), "name": format!("{env}-app-sg-x1"), "vpc_id": "vpc-1",
             "ingress": [{"protocol": "tcp", "from_port": 8080, "to_port": 8080, "group_id": format!("sg-{env}0000000b")}]},
            {"id": format!("sg-{env}0000000b"), "name": format!("{env}-alb-sg-x1"), "vpc_id": "vpc-1",
             "ingress": [{"protocol": "tcp", "from_port": 80, "to_port": 80, "cidr_ipv4": "0.0.0.0/0"}]}
        ],
        "log_groups": [{"name": format!("/ecs/{env}-trading-x1"), "retention_days": retention}],
        "task_definitions": [{"arn": format!("arn:td/{env}"), "family": format!("{env}-trading-x1"), "revision": 1,
            "containers": [{"name": "app", "image": format!("repo/app:{env}-1"), "environment": {"MODE": "live"}, "port_mappings": [8080]}]}],
        "db_instances": [{"id": format!("{env}-db-x1-1"), "arn": "arn:db", "cluster_id": format!("{env}-db-x1"),
            "instance_class": if env == "prod" { "db.m5.xlarge" } else { "db.t3.medium" }, "engine": "aurora-postgresql"}],
        "db_clusters": [{"id": format!("{env}-db-x1"), "arn": "arn:c", "engine": "aurora-postgresql", "engine_version": "15.4", "members": [format!("{env}-db-x1-1")]}]
    }))
    .unwrap()
}

fn allowing(keys: &[&str]) -> Profile {
    let mut profile = Profile::default();
    profile.drift.allowed = Some(keys.iter().map(|k| k.to_string()).collect());
    profile
}

fn drifted(prod: &Inventory, staging: &Inventory, profile: &Profile) -> Vec<(String, String)> {
    let environments = [
        Environment {
            name: "prod",
            inventory: prod,
        },
        Environment {
            name: "staging",
            inventory: staging,
        },
    ];
    compare(&environments, profile)
        .into_iter()
        .filter(|r| r.status == Status::Fail)
        .map(|r| (r.check_id, r.resource.id))
        .collect()
}

const BY_DESIGN: [&str; 2] = ["db-cluster/*/instance_class", "task-definition/*/image_tag"];

#[test]
fn identical_environments_do_not_drift_and_each_aspect_says_so() {
    let (prod, staging) = (environment("prod", 30), environment("staging", 30));
    let results = compare(
        &[
            Environment {
                name: "prod",
                inventory: &prod,
            },
            Environment {
                name: "staging",
                inventory: &staging,
            },
        ],
        &allowing(&BY_DESIGN),
    );
    assert_eq!(results.len(), aspects().len(), "{results:#?}");
    assert!(
        results.iter().all(|r| r.status == Status::Pass),
        "{results:#?}"
    );
}

#[test]
fn differences_by_design_are_drift_unless_the_profile_allows_them() {
    let (prod, staging) = (environment("prod", 30), environment("staging", 30));
    let found = drifted(&prod, &staging, &Profile::default());
    assert!(
        found
            .iter()
            .any(|(_, key)| key.ends_with("/instance_class")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(_, key)| key.ends_with("/image_tag")),
        "{found:?}"
    );
    assert!(drifted(&prod, &staging, &allowing(&BY_DESIGN)).is_empty());
}

#[test]
fn each_mutation_is_reported_once_with_both_values() {
    let prod = environment("prod", 30);
    let mut staging = environment("staging", 7);
    staging.security_groups[0]
        .ingress
        .push(stackproof_checks::inventory::SgRule {
            protocol: "tcp".into(),
            from_port: Some(5432),
            to_port: Some(5432),
            cidr_ipv4: Some("0.0.0.0/0".into()),
            ..Default::default()
        });
    staging.task_definitions[0].containers[0]
        .environment
        .insert("DEBUG".into(), "1".into());
    let environments = [
        Environment {
            name: "prod",
            inventory: &prod,
        },
        Environment {
            name: "staging",
            inventory: &staging,
        },
    ];
    let results = compare(&environments, &allowing(&BY_DESIGN));
    let failed: Vec<_> = results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .collect();
    let keys: Vec<(&str, &str)> = failed
        .iter()
        .map(|r| (r.check_id.as_str(), r.resource.id.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("DRIFT-002", "security-group/{env}-app-sg-{suffix}/ingress"),
            (
                "DRIFT-003",
                "task-definition/{env}-trading-{suffix}/app/environment_keys"
            ),
            (
                "DRIFT-006",
                "log-group//ecs/{env}-trading-{suffix}/retention_days"
            ),
        ]
    );
    let retention = failed.iter().find(|r| r.check_id == "DRIFT-006").unwrap();
    assert!(retention.message.contains("prod: 30") && retention.message.contains("staging: 7"));
    assert_eq!(
        retention.evidence.len(),
        2,
        "one piece of evidence per environment"
    );
}
