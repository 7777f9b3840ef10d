//! Comparing environments' inventories: the drift section of a report and its summary.

use stackproof_checks::drift::{Environment, compare};
use stackproof_checks::engine::Evaluation;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::report::StackReport;
use stackproof_checks::result::{CheckResult, Status};

/// The drift comparison of named inventories as one report section (`drift`), its run
/// metadata the first environment's with every environment's API calls added up.
pub fn drift_stack(
    inventories: &[(String, Inventory)],
    profile: &stackproof_checks::profile::Profile,
    profile_name: &str,
) -> StackReport {
    let environments: Vec<Environment> = inventories
        .iter()
        .map(|(name, inventory)| Environment { name, inventory })
        .collect();
    let results = compare(&environments, profile);
    let mut meta = inventories
        .first()
        .map(|(_, i)| i.meta.clone())
        .unwrap_or_default();
    for (_, inventory) in inventories.iter().skip(1) {
        for (operation, count) in &inventory.meta.api_calls {
            *meta.api_calls.entry(operation.clone()).or_default() += count;
        }
    }
    let names: Vec<&str> = inventories.iter().map(|(n, _)| n.as_str()).collect();
    StackReport::new(
        &format!("drift: {}", names.join(" vs ")),
        profile_name,
        meta,
        Evaluation {
            results,
            ..Evaluation::default()
        },
    )
}

/// What is published and printed: one line per drifted attribute.
pub fn drift_summary(results: &[CheckResult]) -> String {
    let drifted: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .collect();
    if drifted.is_empty() {
        return "stackproof drift: no drift between the environments\n".to_string();
    }
    let mut text = format!("stackproof drift: {} attribute(s) differ\n", drifted.len());
    for result in drifted {
        text += &format!("DRIFT  {} {}\n", result.check_id, result.message);
    }
    text
}
