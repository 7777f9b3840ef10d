//! The evaluation engine: runs checks over an inventory and a profile, applies waivers.

mod completeness;

pub use completeness::lost_verdicts;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::check::Check;
use crate::context::Context;
use crate::inventory::{Inventory, ResourceRef};
use crate::profile::Profile;
use crate::result::{CheckResult, Finding, Status};
use crate::waiver::{Waiver, apply_waivers};

/// The results of one evaluation.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Evaluation {
    pub results: Vec<CheckResult>,
    /// Waivers that matched nothing because they have expired.
    pub expired_waivers: Vec<Waiver>,
    /// Waivers in force that matched no failing result.
    pub unused_waivers: Vec<Waiver>,
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
    let gaps = completeness::Gaps::new(inventory);
    // Checks are independent pure functions of the context: run them on every core, keeping
    // the registry's order in the results.
    let per_check: Vec<Vec<CheckResult>> = checks
        .par_iter()
        .map(|check| run_check(check, &context, &gaps))
        .collect();
    let mut results = Vec::with_capacity(per_check.iter().map(Vec::len).sum());
    per_check.into_iter().for_each(|r| results.extend(r));
    let waived = apply_waivers(&mut results, waivers, today);
    Evaluation {
        results,
        expired_waivers: waived.expired,
        unused_waivers: waived.unused,
    }
}

/// One check's results, with the engine's safety nets applied.
fn run_check(check: &Check, context: &Context, gaps: &completeness::Gaps) -> Vec<CheckResult> {
    crate::context::view::take_reads();
    let mut findings = (check.evaluate)(context);
    // Safety net: what the check read but the collection could not see never passes.
    gaps.apply(&mut findings, &crate::context::view::take_reads());
    if findings.is_empty() {
        findings.push(Finding::skip(
            ResourceRef::stack(),
            "not applicable: no matching resources in the inventory",
        ));
    }
    findings
        .into_iter()
        .map(|finding| CheckResult {
            check_id: check.meta.id.to_string(),
            resource: finding.resource,
            status: finding.status,
            message: finding.message,
            evidence: finding.evidence,
            waiver: None,
        })
        .collect()
}
