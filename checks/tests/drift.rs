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

/// Template ↔ deployed: what the deployed stack's API does not report for a resource it has is
/// not compared; an AWS-managed policy's document is not the stack's statements; the rule that
/// matches no traffic is no rule. A resource the deployed stack lacks is drift.
#[test]
fn a_template_is_compared_with_what_the_deployed_stack_reports() {
    let shape = |attributes: serde_json::Value,
                 with_log_group: bool,
                 egress: serde_json::Value,
                 managed: serde_json::Value|
     -> Inventory {
        let mut inventory = serde_json::json!({
            "meta": {"target": "t", "environment_suffix": "x1", "account": "123456789012", "region": "us-east-1"},
            "load_balancers": [{"arn": "arn:lb", "name": "web-x1", "scheme": "internet-facing",
                "ip_address_type": "ipv4", "attributes": attributes}],
            "security_groups": [{"id": "sg-0000000a", "name": "db-sg-x1", "vpc_id": "vpc-1", "egress": egress}],
            "roles": [{"arn": "arn:aws:iam::123456789012:role/exec-x1", "name": "exec-x1",
                "attached_policies": [{"arn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                    "name": "AmazonECSTaskExecutionRolePolicy", "document": managed}]}]
        });
        if with_log_group {
            inventory["log_groups"] =
                serde_json::json!([{"name": "/app/x1", "retention_days": 30}]);
        }
        serde_json::from_value(inventory).unwrap()
    };
    let sentinel = serde_json::json!([{"protocol": "icmp", "from_port": 252, "to_port": 86, "cidr_ipv4": "255.255.255.255/32"}]);
    let execution = serde_json::json!({"Statement": [{"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*"}]});
    let template = shape(
        serde_json::json!({"idle_timeout.timeout_seconds": "60", "deletion_protection.enabled": "false"}),
        true,
        sentinel,
        serde_json::Value::Null,
    );
    let deployed = shape(
        serde_json::json!({"deletion_protection.enabled": "false"}),
        true,
        serde_json::json!([]),
        execution,
    );
    let results = stackproof_checks::drift::compare_declared(
        [&template, &template],
        &deployed,
        &Profile::default(),
    );
    let failed: Vec<&str> = (results.iter())
        .filter(|r| r.status != Status::Pass)
        .map(|r| r.resource.id.as_str())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(
        results
            .iter()
            .any(|r| r.message.contains("1 not reported by the deployed stack")),
        "{results:#?}"
    );

    let without_group = shape(
        serde_json::json!({}),
        false,
        serde_json::json!([]),
        serde_json::Value::Null,
    );
    let results = stackproof_checks::drift::compare_declared(
        [&template, &template],
        &without_group,
        &Profile::default(),
    );
    let failed: Vec<&str> = (results.iter())
        .filter(|r| r.status == Status::Fail)
        .map(|r| r.resource.id.as_str())
        .collect();
    assert_eq!(
        failed,
        [
            "log-group//app/{suffix}/kms",
            "log-group//app/{suffix}/retention_days"
        ]
    );
}
