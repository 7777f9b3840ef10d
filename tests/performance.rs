//! Request budgets of collection on the emulator (counted, not timed; times are in
//! `scripts/bench.sh` and docs/performance.md): a 35-resource stack in the mix of the seeds is
//! collected in at most 150 requests with none sent twice, and collection cost grows linearly
//! with the stack: ten times the log groups, roles and security groups cost at most ten times
//! the requests, and per resource only the calls the API forces.

mod support;

use std::collections::BTreeMap;

use stackproof_checks::inventory::Inventory;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{destroy, provision};
use support::{collect_outputs, provision_options, shared_target};

/// Provisions a benchmark stack, collects it, tears it down.
async fn collect_benchmark_stack(scenario: Scenario, suffix: &str) -> Inventory {
    let target = shared_target().await;
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let options = provision_options(root.path(), suffix);
    let environments = provision(&config, scenario, &options).await.unwrap();
    let outputs_file = environments[0].outputs_file(root.path(), scenario.name());
    let inventory = collect_outputs(&target, &config, &outputs_file).await;
    let teardown = destroy(&config, scenario.name(), root.path(), true)
        .await
        .unwrap();
    assert!(
        teardown.failed.is_empty()
            && teardown.leftovers.is_empty()
            && teardown.unscanned.is_empty(),
        "{teardown:?}"
    );
    inventory
}

fn requests(inventory: &Inventory, operation: &str) -> u64 {
    inventory
        .meta
        .api_calls
        .get(operation)
        .copied()
        .unwrap_or(0)
}

#[tokio::test]
async fn a_35_resource_stack_is_collected_in_at_most_150_requests_none_twice() {
    let inventory = collect_benchmark_stack(Scenario::Mixed35, "pm35").await;
    assert!(inventory.missing.is_empty(), "{:?}", inventory.missing);
    assert!(
        inventory.resource_count() >= 35,
        "the stack has the issue's mix: {} resources",
        inventory.resource_count()
    );
    assert_eq!(inventory.ecs_services.len(), 3);
    assert_eq!(inventory.db_clusters.len(), 2);
    assert_eq!(inventory.roles.len(), 4);
    assert!(
        inventory.meta.repeated_requests.is_empty(),
        "no request is sent twice: {:?}",
        inventory.meta.repeated_requests
    );
    assert!(
        inventory.api_requests() <= 150,
        "{} requests: {:#?}",
        inventory.api_requests(),
        inventory.meta.api_calls
    );
}

#[tokio::test]
async fn collection_requests_grow_linearly_with_the_stack() {
    let small = collect_benchmark_stack(Scenario::Scale100, "ps100").await;
    let large = collect_benchmark_stack(Scenario::Scale1000, "ps1k").await;
    for (inventory, log_groups) in [(&small, 100), (&large, 1000)] {
        assert_eq!(inventory.log_groups.len(), log_groups);
        assert_eq!(inventory.roles.len(), log_groups / 2);
        // The VPC's own default group comes along.
        assert_eq!(inventory.security_groups.len(), log_groups / 2 + 1);
        assert!(
            inventory.meta.repeated_requests.is_empty(),
            "{:?}",
            inventory.meta.repeated_requests
        );
        // Per log group: its description and its tags; per role: the role, its inline policy
        // names and document, its attached policies. Security groups come in pages.
        let per_resource: BTreeMap<&str, u64> = [
            ("logs:DescribeLogGroups", 1),
            ("logs:ListTagsForResource", 1),
            ("iam:GetRole", 1),
            ("iam:ListRolePolicies", 1),
            ("iam:GetRolePolicy", 1),
            ("iam:ListAttachedRolePolicies", 1),
        ]
        .into();
        for (operation, each) in per_resource {
            let resources = if operation.starts_with("logs:") {
                log_groups
            } else {
                log_groups / 2
            } as u64;
            assert!(
                requests(inventory, operation) <= each * resources,
                "{operation}: {} requests for {resources} resources",
                requests(inventory, operation)
            );
        }
        assert!(
            requests(inventory, "ec2:DescribeSecurityGroups") <= 2,
            "security groups are listed per VPC in pages of up to 1,000: {:#?}",
            inventory.meta.api_calls
        );
    }
    assert!(
        large.api_requests() <= 10 * small.api_requests(),
        "ten times the stack costs at most ten times the requests: {} vs {}",
        large.api_requests(),
        small.api_requests()
    );
}
