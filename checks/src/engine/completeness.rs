//! No silent pass: what a check could not see turns into `error`, never into a pass or silence.
//!
//! After a check has run, the engine knows which kinds it read ([`super::view`]). For each of
//! them:
//! - a collection that did not complete ([`Incomplete`]) turns every verdict of the check
//!   (`pass` or `fail`) into `error` and adds one `error` naming the failed call, so a resource
//!   that vanished with a failed listing is still accounted for, and a verdict drawn from half
//!   the picture (a target group "no listener forwards to") is not reported as one;
//! - a damaged resource — one that could not be described (a `*` fetch error) or one of whose
//!   attributes could not be read — puts in doubt every verdict of the check on anything but the
//!   resources of its own kind (a subnet's verdict may rest on its route table, a task's on its
//!   roles' policies): those become `error`. The damaged resource itself gets an `error` when it
//!   could not be described at all, or when the check said nothing about it (the attribute the
//!   check needed may be the one missing); verdicts on it that the check gave despite an
//!   attribute error stand, guarded by the attributes the check names (`Context::each`).
//!
//! The message of an unverified result keeps what the check concluded from what it saw.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::inventory::{ANY_KIND, FetchError, Incomplete, Inventory, ResourceRef};
use crate::result::{CheckResult, Evidence, Finding, Status};

/// A resource with a fetch error: which attribute (`*`: all of it) and why.
struct Damage<'a> {
    resource: ResourceRef,
    attribute: &'a str,
    error: &'a FetchError,
}

/// What the collection could not see, by kind.
pub(super) struct Gaps<'a> {
    damaged: BTreeMap<String, Vec<Damage<'a>>>,
    incomplete: BTreeMap<&'a str, Vec<&'a Incomplete>>,
    /// Every resource of the inventory (built only when something is damaged), to tell a
    /// verdict on a real resource from one on a name the check looked for and did not find.
    resources: HashSet<ResourceRef>,
}

impl<'a> Gaps<'a> {
    pub fn new(inventory: &'a Inventory) -> Self {
        let mut damaged: BTreeMap<String, Vec<Damage>> = BTreeMap::new();
        for (resource, attribute, error) in inventory.fetch_errors() {
            let list = damaged.entry(resource.kind.clone()).or_default();
            // One record per resource: the whole-resource error wins over attribute errors.
            match list.iter_mut().find(|d| d.resource == resource) {
                Some(known) if attribute == "*" => {
                    known.attribute = attribute;
                    known.error = error;
                }
                Some(_) => {}
                None => list.push(Damage {
                    resource,
                    attribute,
                    error,
                }),
            }
        }
        let mut incomplete: BTreeMap<&str, Vec<&Incomplete>> = BTreeMap::new();
        for record in &inventory.incomplete {
            incomplete
                .entry(record.kind.as_str())
                .or_default()
                .push(record);
        }
        let mut resources = HashSet::new();
        if !damaged.is_empty() {
            inventory.visit(|reference, _| {
                resources.insert(reference);
            });
        }
        Self {
            damaged,
            incomplete,
            resources,
        }
    }

    /// Applies the rules above to one check's findings, given the kinds it read.
    pub fn apply(&self, findings: &mut Vec<Finding>, read: &BTreeSet<&'static str>) {
        let incomplete: Vec<&Incomplete> = (self.incomplete.get(ANY_KIND).into_iter())
            .chain(read.iter().filter_map(|kind| self.incomplete.get(kind)))
            .flatten()
            .copied()
            .collect();
        if let Some(first) = incomplete.first() {
            let why = first.describe();
            for finding in findings.iter_mut().filter(|f| judged(f)) {
                unverify(finding, &why, &first.operation, &first.kind);
            }
            for record in &incomplete {
                let scope = ResourceRef::new(&record.kind, &record.scope);
                let mut finding = Finding::new(scope, Status::Error, String::new());
                unverify(
                    &mut finding,
                    &record.describe(),
                    &record.operation,
                    &record.kind,
                );
                findings.push(finding);
            }
        }
        for kind in read {
            let Some(damaged) = self.damaged.get(*kind) else {
                continue;
            };
            let first = &damaged[0];
            let why = format!(
                "{} could not be read{} ({}: {})",
                first.resource,
                match first.attribute {
                    "*" => String::new(),
                    attribute => format!(" ({attribute})"),
                },
                first.error.operation,
                first.error.message
            );
            for finding in findings.iter_mut().filter(|f| judged(f)) {
                let own_kind =
                    finding.resource.kind == *kind && self.resources.contains(&finding.resource);
                let whole = damaged
                    .iter()
                    .find(|d| d.resource == finding.resource && d.attribute == "*");
                if let Some(damage) = whole {
                    *finding = Finding::fetch_error(finding.resource.clone(), "*", damage.error);
                } else if !own_kind {
                    unverify(finding, &why, &first.error.operation, kind);
                }
            }
            for damage in damaged {
                if !findings.iter().any(|f| f.resource == damage.resource) {
                    let finding = Finding::fetch_error(
                        damage.resource.clone(),
                        damage.attribute,
                        damage.error,
                    );
                    findings.push(finding);
                }
            }
        }
    }
}

/// A `pass` or `fail`: a verdict that rests on what was seen.
fn judged(finding: &Finding) -> bool {
    matches!(finding.status, Status::Pass | Status::Fail)
}

/// Turns a verdict into `error` because `why`; what the check concluded from the part it saw is
/// kept in the message, for the reader.
fn unverify(finding: &mut Finding, why: &str, operation: &str, kind: &str) {
    let seen = match finding.status {
        Status::Pass | Status::Fail if !finding.message.is_empty() => format!(
            "; from what was seen: {} ({})",
            finding.status.as_str(),
            finding.message
        ),
        _ => String::new(),
    };
    finding.status = Status::Error;
    finding.message = format!("not verified: {why}{seen}");
    finding.evidence.push(Evidence::new(
        kind,
        serde_json::Value::Null,
        "collected completely",
        operation,
    ));
}

/// Compares a run whose calls to `operation` failed with the clean run of the same stack, and
/// lists every way the degraded verdict lost something: a `fail` that became `pass`, a `pass`
/// that was not there, a result gone while no `error` of its check names the call. Empty when
/// nothing was lost (the guarantee the fault tests assert).
pub fn lost_verdicts(
    clean: &[CheckResult],
    degraded: &[CheckResult],
    operation: &str,
) -> Vec<String> {
    let mut lost = Vec::new();
    let errors_naming_call: BTreeSet<&str> = degraded
        .iter()
        .filter(|r| r.status == Status::Error && r.message.contains(operation))
        .map(|r| r.check_id.as_str())
        .collect();
    for before in clean {
        let after: Vec<&CheckResult> = degraded
            .iter()
            .filter(|r| r.check_id == before.check_id && r.resource == before.resource)
            .collect();
        let what = format!("{} {}", before.check_id, before.resource);
        if before.status == Status::Fail && after.iter().any(|r| r.status == Status::Pass) {
            lost.push(format!("{what}: was fail, is pass"));
        }
        let kept = after.iter().any(|r| r.status == before.status);
        if !kept && !errors_naming_call.contains(before.check_id.as_str()) {
            let now: Vec<&str> = after.iter().map(|r| r.status.as_str()).collect();
            lost.push(format!(
                "{what}: was {}, is {} and no error of {} names {operation}",
                before.status.as_str(),
                if now.is_empty() {
                    "gone".to_string()
                } else {
                    now.join(", ")
                },
                before.check_id
            ));
        }
    }
    for after in degraded.iter().filter(|r| r.status == Status::Pass) {
        let passed_before = clean.iter().any(|r| {
            r.check_id == after.check_id && r.resource == after.resource && r.status == Status::Pass
        });
        if !passed_before {
            lost.push(format!(
                "{} {}: passes only with {operation} failing: {}",
                after.check_id, after.resource, after.message
            ));
        }
    }
    lost
}
