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
