//! `report.html`: one self-contained page for auditors — inline CSS, no scripts, no external
//! requests, readable printed. What was verified, a summary by status, severity and domain, the
//! failing checks first with rationale, remediation, references and per-resource evidence, the
//! waivers, and a compliance view per framework.

use std::collections::BTreeMap;

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::{CheckInfo, RunReport};
use crate::result::{CheckResult, Status};

const TEMPLATE: &str = include_str!("report.html.jinja");

pub fn render(report: &RunReport) -> String {
    let mut env = Environment::new();
    // Observed values in words, as every other report shows them.
    env.add_filter("words", |value: Value| {
        crate::words::words(&serde_json::to_value(&value).unwrap_or_default())
    });
    // The `.html` name turns on HTML auto-escaping.
    if let Err(error) = env.add_template("report.html", TEMPLATE) {
        return format!("<!doctype html><p>report template error: {error}</p>\n");
    }
    let sections = sections(report);
    let rendered = env.get_template("report.html").and_then(|t| {
        t.render(context! {
            report => Value::from(Serde(report)),
            api_totals => Value::from(Serde(
                report.stacks.iter().map(|s| s.meta.api_calls.values().sum::<u64>()).collect::<Vec<_>>(),
            )),
            verdict => verdict(report),
            counts => Value::from(Serde(status_counts(report.results().map(|(_, r)| r)))),
            severities => Value::from(Serde(severity_counts(report))),
            domains => Value::from(Serde(domain_counts(report))),
            sections => Value::from(Serde(&sections)),
            waived => Value::from(Serde(waived(report))),
            compliance => Value::from(Serde(compliance(report))),
        })
    });
    rendered
        .unwrap_or_else(|error| format!("<!doctype html><p>report rendering error: {error}</p>\n"))
}

#[derive(Serialize)]
struct Section<'a> {
    check: &'a CheckInfo,
    worst: &'static str,
    counts: BTreeMap<&'static str, usize>,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    stack: &'a str,
    result: &'a CheckResult,
    status: &'static str,
}

fn verdict(report: &RunReport) -> &'static str {
    match report.exit_code() {
        0 => "pass",
        1 => "fail",
        _ => "error",
    }
}

fn status_counts<'a>(
    results: impl Iterator<Item = &'a CheckResult>,
) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<&'static str, usize> =
        Status::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for result in results {
        *counts.entry(result.status.as_str()).or_default() += 1;
    }
    counts
}

/// The worst status among results: fail, then error, waived, pass, skip.
fn worst<'a>(results: impl Iterator<Item = &'a CheckResult>) -> &'static str {
    let statuses: Vec<Status> = results.map(|r| r.status).collect();
    [
        Status::Fail,
        Status::Error,
        Status::Waived,
        Status::Pass,
        Status::Skip,
    ]
    .into_iter()
    .find(|s| statuses.contains(s))
    .unwrap_or(Status::Skip)
    .as_str()
}

/// Failing results by severity.
fn severity_counts(report: &RunReport) -> Vec<(String, usize)> {
    ["critical", "high", "medium", "low", "info"]
        .iter()
        .map(|severity| {
            let failing = report
                .results()
                .filter(|(_, r)| r.status == Status::Fail)
                .filter(|(_, r)| {
                    report
                        .check(&r.check_id)
                        .is_some_and(|c| c.severity == *severity)
                })
                .count();
            (severity.to_string(), failing)
        })
        .collect()
}

/// Domain → status counts.
fn domain_counts(report: &RunReport) -> BTreeMap<String, BTreeMap<&'static str, usize>> {
    let mut domains = BTreeMap::new();
    for check in &report.checks {
        let results = report
            .results()
            .map(|(_, r)| r)
            .filter(|r| r.check_id == check.id);
        let counts = status_counts(results);
        let entry: &mut BTreeMap<&'static str, usize> =
            domains.entry(check.domain.clone()).or_default();
        for (status, count) in counts {
            *entry.entry(status).or_default() += count;
        }
    }
    domains
}

/// One section per check: failing and erroring checks first, then the rest, by id.
fn sections(report: &RunReport) -> Vec<Section<'_>> {
    let mut sections: Vec<Section> = report
        .checks
        .iter()
        .map(|check| {
            let rows: Vec<Row> = report
                .results()
                .filter(|(_, r)| r.check_id == check.id)
                .map(|(stack, result)| Row {
                    stack: &stack.name,
                    result,
                    status: result.status.as_str(),
                })
                .collect();
            Section {
                check,
                worst: worst(rows.iter().map(|r| r.result)),
                counts: status_counts(rows.iter().map(|r| r.result)),
                rows,
            }
        })
        .collect();
    let rank = |s: &Section| match s.worst {
        "fail" => 0,
        "error" => 1,
        _ => 2,
    };
    sections.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.check.id.cmp(&b.check.id)));
    sections
}

fn waived(report: &RunReport) -> Vec<Row<'_>> {
    report
        .results()
        .filter(|(_, r)| r.waiver.is_some())
        .map(|(stack, result)| Row {
            stack: &stack.name,
            result,
            status: result.status.as_str(),
        })
        .collect()
}

/// Framework → control → (checks, worst status), for FSBP, PCI DSS and CIS.
fn compliance(
    report: &RunReport,
) -> BTreeMap<String, BTreeMap<String, (Vec<String>, &'static str)>> {
    let mut frameworks: BTreeMap<String, BTreeMap<String, (Vec<String>, &'static str)>> =
        BTreeMap::new();
    for check in &report.checks {
        for reference in check
            .references
            .iter()
            .filter(|r| !r.framework.starts_with("Seed"))
        {
            let controls = frameworks.entry(reference.framework.clone()).or_default();
            let entry = controls
                .entry(reference.id.clone())
                .or_insert((Vec::new(), "skip"));
            entry.0.push(check.id.clone());
        }
    }
    for controls in frameworks.values_mut() {
        for (checks, status) in controls.values_mut() {
            *status = worst(
                report
                    .results()
                    .map(|(_, r)| r)
                    .filter(|r| checks.contains(&r.check_id)),
            );
        }
    }
    frameworks
}
