//! A stack's whole result table: every single-stack check of the registry evaluated on the
//! collected inventory, compared with the table written down before the run.
//!
//! An expected table has one line per verdict, `CHECK RESOURCE STATUS`, and may say
//! `CHECK * STATUS` for "every other resource of this check": a check whose resources all share
//! a verdict needs no list of generated ids. Every check of the registry must appear; a `*`
//! line that matches nothing is stale and fails too. `{name}` placeholders are replaced by the
//! ids the builder returns. `#` starts a comment (the reason for the verdict).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;

use crate::support::{collect_outputs, shared_target};

/// (check, resource id) → status, as the report spells it.
pub type Table = BTreeMap<(String, String), String>;

/// The expected table.
struct Expected {
    rows: Table,
    /// check → the status of each of its resources not listed in `rows`.
    every_other: BTreeMap<String, String>,
}

impl Expected {
    fn parse(text: &str, ids: &BTreeMap<String, String>) -> Self {
        let text = ids
            .iter()
            .fold(text.to_string(), |text, (name, id)| text.replace(name, id));
        let mut expected = Expected {
            rows: Table::new(),
            every_other: BTreeMap::new(),
        };
        for line in text.lines().map(str::trim) {
            let line = line.split('#').next().unwrap().trim();
            if line.is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [check, resource, status] = parts[..] else {
                panic!("expected `CHECK RESOURCE STATUS`: {line}");
            };
            assert!(
                registry_ids().contains(check),
                "{check} is not a check of the registry"
            );
            let duplicate = if resource == "*" {
                expected
                    .every_other
                    .insert(check.into(), status.into())
                    .is_some()
            } else {
                expected
                    .rows
                    .insert((check.into(), resource.into()), status.into())
                    .is_some()
            };
            assert!(!duplicate, "listed twice: {line}");
        }
        expected
    }

    /// Every difference between this table and `actual`, one line each.
    fn differences(&self, actual: &Table) -> Vec<String> {
        let mut differences = Vec::new();
        for ((check, resource), status) in &self.rows {
            match actual.get(&(check.clone(), resource.clone())) {
                Some(got) if got == status => {}
                Some(got) => {
                    differences.push(format!("{check} {resource}: expected {status}, got {got}"))
                }
                None => differences.push(format!(
                    "{check} {resource}: expected {status}, not reported"
                )),
            }
        }
        let mut matched_by_star = BTreeSet::new();
        for ((check, resource), got) in actual {
            if self.rows.contains_key(&(check.clone(), resource.clone())) {
                continue;
            }
            match self.every_other.get(check) {
                Some(status) if status == got => {
                    matched_by_star.insert(check.clone());
                }
                Some(status) => differences.push(format!(
                    "{check} {resource}: expected {status} (every other), got {got}"
                )),
                None => differences.push(format!("{check} {resource}: not expected, got {got}")),
            }
        }
        for check in self.every_other.keys() {
            if !matched_by_star.contains(check) {
                differences.push(format!("{check} *: matched no resource"));
            }
        }
        for check in registry_ids() {
            let listed = self.every_other.contains_key(check)
                || self.rows.keys().any(|(listed, _)| listed == check);
            if !listed {
                differences.push(format!("{check}: no expected verdict written"));
            }
        }
        differences
    }
}

fn registry_ids() -> BTreeSet<&'static str> {
    REGISTRY.iter().map(|check| check.meta.id).collect()
}

/// Collects the stack's outputs file and evaluates every check of the registry with the
/// profile `profile` (TOML, may extend a built-in one): the result table.
async fn verdicts(outputs: &Path, profile: &str) -> Table {
    let target = shared_target().await;
    let inventory = collect_outputs(&target, target.sdk_config(), outputs).await;
    let dir = outputs.parent().unwrap();
    let profile_path = dir.join("profile.toml");
    std::fs::write(&profile_path, profile).unwrap();
    let profile = load_profile(profile_path.to_str().unwrap(), dir).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let results = evaluate(&inventory, &profile, REGISTRY, &[], today).results;
    // A check that judges one resource several times (one verdict per rule, per container)
    // gives the row every status it reported, joined: `fail+pass`.
    let mut statuses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for result in results {
        let status = serde_json::to_value(result.status).unwrap();
        statuses
            .entry((result.check_id.clone(), result.resource.id.clone()))
            .or_default()
            .insert(status.as_str().unwrap().to_string());
    }
    statuses
        .into_iter()
        .map(|(key, statuses)| (key, Vec::from_iter(statuses).join("+")))
        .collect()
}

/// Judges the stack `outputs` describes with `profile` and compares its whole table with
/// `expected` (the table's text, `{name}` placeholders replaced by `ids`).
pub async fn assert_whole_table(
    outputs: &Path,
    profile: &str,
    expected: &str,
    ids: &BTreeMap<String, String>,
) {
    let actual = verdicts(outputs, profile).await;
    assert_table(&actual, &Expected::parse(expected, ids));
}

/// Compares the whole table, listing every difference at once.
fn assert_table(actual: &Table, expected: &Expected) {
    let differences = expected.differences(actual);
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
