//! Verdicts on shapes our scenarios do not have (issue #20): each test builds the shape a
//! stack made by someone else has, and pins the verdict AWS's semantics call for.

use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::Profile;
use stackproof_checks::registry;
use stackproof_checks::result::{CheckResult, Status};

fn results(check: &str, profile: &str, inventory: serde_json::Value) -> Vec<CheckResult> {
    let inventory: Inventory = serde_json::from_value(inventory).unwrap();
    let profile: Profile = toml::from_str(profile).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let check = registry::find(check).unwrap();
    evaluate(&inventory, &profile, &[check], &[], today).results
}

/// A task whose containers log elsewhere (or not at all) has no log group to keep events in:
/// ECS-010 skips it, naming the check that judges the log driver, instead of failing it with
/// an empty list.
#[test]
fn a_task_without_a_log_group_is_not_judged_on_retention() {
    let results = results(
        "ECS-010",
        "[logs]\nretention_days = 30\n",
        serde_json::json!({
            "task_definitions": [{
                "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/sidecar:1",
                "family": "sidecar",
                "revision": 1,
                "containers": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27",
                                "log_driver": "splunk", "log_options": {}}]
            }]
        }),
    );
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0].status, Status::Skip, "{results:#?}");
    assert!(
        results[0].message.contains("ECS-007"),
        "{}",
        results[0].message
    );
}

fn verdicts(results: &[CheckResult]) -> Vec<(String, Status)> {
    let mut verdicts: Vec<_> = results
        .iter()
        .map(|r| (r.resource.id.clone(), r.status))
        .collect();
    verdicts.sort();
    verdicts
}

/// An AWS-managed key (`alias/aws/rds`) next to a customer key, reported with KeyManager
/// CUSTOMER as an emulator does: the reserved alias prefix decides.
fn keys_inventory() -> serde_json::Value {
    serde_json::json!({
        "meta": {"target": "t", "environment_suffix": "x1"},
        "kms_keys": [
            {"id": "rds-managed", "arn": "arn:aws:kms:us-east-1:123456789012:key/rds-managed",
             "key_manager": "CUSTOMER", "key_state": "Enabled", "rotation_enabled": false,
             "aliases": ["alias/aws/rds"]},
            {"id": "app", "arn": "arn:aws:kms:us-east-1:123456789012:key/app",
             "key_manager": "CUSTOMER", "key_state": "Enabled", "rotation_enabled": true,
             "aliases": ["alias/app-x1"]}
        ],
        "db_clusters": [
            {"id": "orders-x1", "storage_encrypted": true,
             "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/rds-managed"},
            {"id": "billing-x1", "storage_encrypted": true,
             "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/app"}
        ]
    })
}

#[test]
fn an_aws_managed_key_is_told_by_its_reserved_alias() {
    let customer_key = "[encryption]\ndatabase_customer_key = true\n";
    assert_eq!(
        verdicts(&results("ENC-004", customer_key, keys_inventory())),
        [
            ("billing-x1".to_string(), Status::Pass),
            ("orders-x1".to_string(), Status::Fail)
        ]
    );
    // AWS rotates its managed keys itself; only the customer key is judged on rotation.
    assert_eq!(
        verdicts(&results("ENC-008", "", keys_inventory())),
        [("app".to_string(), Status::Pass)]
    );
    // An AWS-managed key is not named by the stack, so it needs no suffix.
    let suffix = "[stack]\nenvironment_suffix = true\n";
    let named = results("STACK-002", suffix, keys_inventory());
    assert!(
        named
            .iter()
            .all(|r| r.resource.id != "rds-managed" && r.status == Status::Pass),
        "{named:#?}"
    );
    // KMS-004 judges the stack's own keys: the cluster on aws/rds is ENC-004's to fail.
    assert_eq!(
        verdicts(&results("KMS-004", "", keys_inventory())),
        [("billing-x1".to_string(), Status::Pass)]
    );
}

/// KMS-004 fails a key from outside the stack (no output names it, no alias carries the
/// suffix) however healthy the key is, and cannot tell without a suffix or an output.
#[test]
fn a_key_from_outside_the_stack_fails_kms_004_and_unknown_ownership_is_an_error() {
    let mut inventory = keys_inventory();
    inventory["kms_keys"][1]["aliases"] = serde_json::json!(["alias/shared-platform"]);
    assert_eq!(
        verdicts(&results("KMS-004", "", inventory.clone())),
        [("billing-x1".to_string(), Status::Fail)]
    );
    // Another team's key is not this stack's to name: STACK-002 leaves it to KMS-004.
    let suffix = "[stack]\nenvironment_suffix = true\n";
    let named = results("STACK-002", suffix, inventory.clone());
    assert!(
        named.iter().all(|r| r.resource.kind != "kms-key"),
        "{named:#?}"
    );
    inventory["meta"]["environment_suffix"] = serde_json::Value::Null;
    assert_eq!(
        verdicts(&results("KMS-004", "", inventory.clone())),
        [("billing-x1".to_string(), Status::Error)]
    );
    inventory["kms_keys"][1]["named_by_output"] = serde_json::json!("KmsKeyArn");
    assert_eq!(
        verdicts(&results("KMS-004", "", inventory)),
        [("billing-x1".to_string(), Status::Pass)]
    );
}

fn subnet(id: &str, zone: &str, name: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "vpc_id": "vpc-1", "cidr_block": "10.0.0.0/24",
                       "availability_zone": zone, "tags": {"Name": name}})
}

/// Application, worker and database subnets side by side in each zone are three tiers, each
/// spread over both zones; a fourth subnet of the database tier in zone a is the doubling.
#[test]
fn a_three_tier_layout_is_three_tiers_spread_over_zones() {
    let mut subnets = Vec::new();
    for zone in ["us-east-1a", "us-east-1b"] {
        for tier in ["app", "worker", "db"] {
            subnets.push(subnet(
                &format!("subnet-{tier}-{zone}"),
                zone,
                &format!("shop-{tier}-{zone}"),
            ));
        }
    }
    let inventory = serde_json::json!({"subnets": subnets.clone()});
    assert_eq!(
        verdicts(&results("VPC-005", "", inventory)),
        [
            ("shop-app".to_string(), Status::Pass),
            ("shop-db".to_string(), Status::Pass),
            ("shop-worker".to_string(), Status::Pass)
        ]
    );
    subnets.push(subnet("subnet-db-extra", "us-east-1a", "shop-db-3"));
    let inventory = serde_json::json!({"subnets": subnets});
    assert_eq!(
        verdicts(&results("VPC-005", "", inventory)),
        [
            ("shop-app".to_string(), Status::Pass),
            ("shop-db".to_string(), Status::Fail),
            ("shop-worker".to_string(), Status::Pass)
        ]
    );
}

/// CDK names a subnet group in a tag; Terraform's VPC module and hand-written templates name
/// subnets with the zone or a number in them.
#[test]
fn subnet_tiers_are_read_from_cdk_tags_and_numbered_names() {
    let cdk = |id: &str, zone: &str, group: &str| {
        serde_json::json!({"id": id, "vpc_id": "vpc-1", "cidr_block": "10.0.0.0/24",
                           "availability_zone": zone,
                           "tags": {"aws-cdk:subnet-name": group, "Name": format!("Stack/Vpc/{id}")}})
    };
    let inventory = serde_json::json!({"subnets": [
        cdk("s1", "eu-west-1a", "Application"), cdk("s2", "eu-west-1b", "Application"),
        cdk("s3", "eu-west-1a", "Database"), cdk("s4", "eu-west-1b", "Database"),
    ]});
    assert_eq!(
        verdicts(&results("VPC-005", "", inventory)),
        [
            ("application".to_string(), Status::Pass),
            ("database".to_string(), Status::Pass)
        ]
    );
    let inventory = serde_json::json!({"subnets": [
        subnet("s1", "eu-west-1a", "PrivateSubnetAZ1"), subnet("s2", "eu-west-1b", "PrivateSubnetAZ2"),
        subnet("s3", "eu-west-1a", "DatabaseSubnet1"), subnet("s4", "eu-west-1b", "DatabaseSubnet2"),
    ]});
    assert_eq!(
        verdicts(&results("VPC-005", "", inventory)),
        [
            ("databasesubnet".to_string(), Status::Pass),
            ("privatesubnetaz".to_string(), Status::Pass)
        ]
    );
}

/// A missing log group that only a task definition names is ECS-009's to report; INV-001
/// judges what the outputs name.
#[test]
fn inv_001_judges_only_what_outputs_name() {
    let inventory = serde_json::json!({
        "meta": {"target": "t", "outputs_file": "cfn-outputs/flat-outputs.json"},
        "missing": [
            {"kind": "log-group", "id": "/ecs/sidecar", "operation": "logs:DescribeLogGroups"},
            {"kind": "bucket", "id": "data-x1", "output_key": "DataBucketName",
             "operation": "s3:HeadBucket"}
        ]
    });
    let results = results("INV-001", "", inventory);
    assert_eq!(verdicts(&results), [("data-x1".to_string(), Status::Fail)]);
    assert!(
        results[0].message.contains("DataBucketName"),
        "{}",
        results[0].message
    );
}

/// A task logging to a group that does not exist is ECS-009's failure, not a retention one.
#[test]
fn a_task_logging_to_a_missing_group_is_not_judged_on_retention() {
    let results = results(
        "ECS-010",
        "[logs]\nretention_days = 30\n",
        serde_json::json!({
            "task_definitions": [{
                "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/worker:3",
                "family": "worker",
                "revision": 3,
                "containers": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27",
                                "log_driver": "awslogs",
                                "log_options": {"awslogs-group": "/platform/worker"}}]
            }]
        }),
    );
    let arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/worker:3";
    assert_eq!(verdicts(&results), [(arn.to_string(), Status::Skip)]);
    assert!(
        results[0].message.contains("ECS-009"),
        "{}",
        results[0].message
    );
}

/// Subnets named by tier (app, worker, db) with none declared private: routes alone cannot
/// tell a private subnet that wrongly routes to the internet from a public one, so VPC-006
/// cannot judge. It says so, and how to declare, instead of "no matching resources".
#[test]
fn undeclared_subnets_are_a_skip_that_says_how_to_declare_them() {
    let results = results(
        "VPC-006",
        "",
        serde_json::json!({
            "subnets": [
                {"id": "subnet-app", "vpc_id": "vpc-1", "cidr_block": "10.0.10.0/24",
                 "availability_zone": "us-east-1a", "tags": {"Name": "shop-app-a"}},
                {"id": "subnet-db", "vpc_id": "vpc-1", "cidr_block": "10.0.20.0/24",
                 "availability_zone": "us-east-1a", "tags": {"Name": "shop-db-a"}}
            ]
        }),
    );
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0].status, Status::Skip, "{results:#?}");
    assert!(
        results[0].message.contains("declared private"),
        "{}",
        results[0].message
    );
}

/// Security Hub's ECS.10 accepts the newest version by number as well as `LATEST`: 1.4.0 on
/// Linux, 1.0.0 on Windows (the control's `latestLinuxVersion`/`latestWindowsVersion`). A
/// service pinned to 1.4.0 runs the latest platform; one pinned to 1.3.0 does not.
#[test]
fn a_service_pinned_to_the_newest_platform_version_runs_the_latest() {
    let service = |name: &str, version: &str, family: Option<&str>| {
        serde_json::json!({
            "arn": format!("arn:aws:ecs:us-east-1:123456789012:service/c/{name}"),
            "name": name, "cluster_arn": "arn:aws:ecs:us-east-1:123456789012:cluster/c",
            "launch_type": "FARGATE", "platform_version": version, "platform_family": family
        })
    };
    let results = results(
        "ECS-013",
        "",
        serde_json::json!({"ecs_services": [
            service("linux-latest", "LATEST", None),
            service("linux-pinned", "1.4.0", Some("Linux")),
            service("linux-old", "1.3.0", Some("Linux")),
            service("windows-pinned", "1.0.0", Some("WINDOWS_SERVER_2019_CORE")),
        ]}),
    );
    assert_eq!(
        verdicts(&results),
        [
            ("linux-latest".to_string(), Status::Pass),
            ("linux-old".to_string(), Status::Fail),
            ("linux-pinned".to_string(), Status::Pass),
            ("windows-pinned".to_string(), Status::Pass),
        ]
    );
}

/// Secrets Manager rotates on `AutomaticallyAfterDays`, a `rate()` schedule or a `cron()`
/// schedule. A cron schedule has no single interval in days: SEC-001 cannot tell whether it
/// rotates often enough, so it says `error` with the schedule instead of failing a secret
/// that may well comply.
#[test]
fn a_cron_rotation_schedule_is_an_error_not_a_failure() {
    let secret = |name: &str, days: Option<i64>, schedule: Option<&str>| {
        serde_json::json!({
            "arn": format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-AbCdEf"),
            "name": name, "rotation_enabled": true, "rotation_days": days,
            "rotation_schedule": schedule
        })
    };
    let results = results(
        "SEC-001",
        "[platform]\nsecret_rotation_days = 30\n",
        serde_json::json!({"secrets": [
            secret("by-days", Some(30), None),
            secret("by-rate", Some(7), Some("rate(7 days)")),
            secret("by-cron", None, Some("cron(0 16 1,15 * ? *)")),
            secret("too-rare", Some(90), None),
        ]}),
    );
    assert_eq!(
        verdicts(&results),
        [
            ("by-cron".to_string(), Status::Error),
            ("by-days".to_string(), Status::Pass),
            ("by-rate".to_string(), Status::Pass),
            ("too-rare".to_string(), Status::Fail),
        ]
    );
    let cron = results.iter().find(|r| r.resource.id == "by-cron").unwrap();
    assert!(
        cron.message.contains("cron(0 16 1,15 * ? *)"),
        "{}",
        cron.message
    );
}

/// The suffix marks a *name* the stack chose, as a word of it (`orders-x1`, `/x1/orders`): a
/// generated id that happens to contain the same letters proves nothing. A key whose UUID and
/// ARN contain `c3` is another team's when no alias carries `-c3`; a secret named
/// `c3po-token` is not the `c3` stack's.
#[test]
fn a_suffix_inside_a_generated_id_or_another_word_is_not_ownership() {
    let mut inventory = keys_inventory();
    inventory["meta"]["environment_suffix"] = serde_json::json!("c3");
    let key = "4c3a9e1b-0c3d-4b5e-9c3f-1a2b3c4d5e6f";
    inventory["kms_keys"][1]["id"] = serde_json::json!(key);
    inventory["kms_keys"][1]["arn"] =
        serde_json::json!(format!("arn:aws:kms:us-east-1:123456789012:key/{key}"));
    inventory["kms_keys"][1]["aliases"] = serde_json::json!(["alias/shared-platform"]);
    inventory["db_clusters"][1]["kms_key_id"] = inventory["kms_keys"][1]["arn"].clone();
    assert_eq!(
        verdicts(&results("KMS-004", "", inventory.clone())),
        [("billing-x1".to_string(), Status::Fail)]
    );
    inventory["kms_keys"][1]["aliases"] = serde_json::json!(["alias/billing-c3"]);
    assert_eq!(
        verdicts(&results("KMS-004", "", inventory)),
        [("billing-x1".to_string(), Status::Pass)]
    );

    let task = |secret: &str| {
        serde_json::json!({
            "meta": {"target": "t", "environment_suffix": "c3"},
            "task_definitions": [{
                "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/app-c3:1",
                "family": "app-c3", "revision": 1,
                "containers": [{"name": "app", "image": "app:1",
                                "secrets": {"TOKEN": format!(
                                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:{secret}")}}]
            }],
            "secrets": [{"arn": format!(
                            "arn:aws:secretsmanager:us-east-1:123456789012:secret:{secret}"),
                         "name": secret.rsplit_once('-').unwrap().0}]
        })
    };
    let task_id = "arn:aws:ecs:us-east-1:123456789012:task-definition/app-c3:1".to_string();
    assert_eq!(
        verdicts(&results("ECS-023", "", task("c3po-token-Ab1c3Z"))),
        [(task_id.clone(), Status::Fail)]
    );
    assert_eq!(
        verdicts(&results("ECS-023", "", task("api-token-c3-Xy9wQq"))),
        [(task_id, Status::Pass)]
    );
}
