//! `report.html`: one self-contained page for auditors — inline CSS, no scripts, no external
//! requests, readable printed. What was verified, a summary by status, severity and domain, the
//! failing checks first with rationale, remediation, references and per-resource evidence, the
//! waivers, and a compliance view per framework.

use std::collections::{BTreeMap, HashMap};

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::chart::chart;
use super::{CheckInfo, RunReport, StackReport};
use crate::inventory::RunMeta;
use crate::result::{CheckResult, Status};
use crate::waiver::Waiver;

const TEMPLATE: &str = include_str!("report.html.jinja");

/// Rows shown per check (and in the waiver table): beyond it a section lists its failing,
/// erroring and waived results first and says how many more `report.json` holds. A page of a
/// million rows is neither readable nor renderable; the JSON report keeps every result.
pub const ROWS_PER_CHECK: usize = 200;

pub fn render(report: &RunReport) -> String {
    let mut env = Environment::new();
    // Observed values in words, as every other report shows them.
    env.add_filter("words", |value: Value| {
        crate::words::words(&serde_json::to_value(&value).unwrap_or_default())
    });
    // Rationale and remediation are written in Markdown (`code`, *emphasis*, links).
    env.add_filter("markdown", |text: String| {
        Value::from_safe_string(inline_markdown(&text))
    });
    // The `.html` name turns on HTML auto-escaping.
    if let Err(error) = env.add_template("report.html", TEMPLATE) {
        return format!("<!doctype html><p>report template error: {error}</p>\n");
    }
    let by_check = by_check(report);
    let severities = severity_statuses(report);
    let domains = domain_counts(report, &by_check);
    let sections = sections(report, &by_check, ROWS_PER_CHECK);
    let (waived, waived_hidden) = waived(report, ROWS_PER_CHECK);
    let rendered = env.get_template("report.html").and_then(|t| {
        t.render(context! {
            report => Value::from(Serde(head(report))),
            api_totals => Value::from(Serde(
                report.stacks.iter().map(|s| s.meta.api_calls.values().sum::<u64>()).collect::<Vec<_>>(),
            )),
            verdict => verdict(report),
            counts => Value::from(Serde(status_counts(report.results().map(|(_, r)| r)))),
            severities => Value::from(Serde(failing(&severities))),
            severity_chart => Value::from(Serde(chart(severities.iter().map(|(s, c)| (*s, c))))),
            domains => Value::from(Serde(&domains)),
            domain_chart => Value::from(Serde(chart(domains.iter().map(|(d, c)| (d.as_str(), c))))),
            sections => Value::from(Serde(&sections)),
            waived => Value::from(Serde(waived)),
            waived_hidden => waived_hidden,
            compliance => Value::from(Serde(compliance(report, &by_check))),
        })
    });
    rendered
        .unwrap_or_else(|error| format!("<!doctype html><p>report rendering error: {error}</p>\n"))
}

/// The report without its results, which the page shows only through sections.
#[derive(Serialize)]
struct Head<'a> {
    run_id: &'a str,
    tool_version: &'a str,
    generated_at: &'a str,
    stacks: Vec<StackHead<'a>>,
}

#[derive(Serialize)]
struct StackHead<'a> {
    name: &'a str,
    profile: &'a str,
    meta: &'a RunMeta,
    expired_waivers: &'a [Waiver],
    counts: BTreeMap<&'static str, usize>,
}

fn head(report: &RunReport) -> Head<'_> {
    Head {
        run_id: &report.run_id,
        tool_version: &report.tool_version,
        generated_at: &report.generated_at,
        stacks: report
            .stacks
            .iter()
            .map(|stack| StackHead {
                name: &stack.name,
                profile: &stack.profile,
                meta: &stack.meta,
                expired_waivers: &stack.expired_waivers,
                counts: status_counts(stack.results.iter()),
            })
            .collect(),
    }
}

/// Every result with its stack, grouped by check id in one pass.
type ByCheck<'a> = HashMap<&'a str, Vec<(&'a StackReport, &'a CheckResult)>>;

fn by_check(report: &RunReport) -> ByCheck<'_> {
    let mut groups: ByCheck = HashMap::new();
    for (stack, result) in report.results() {
        groups
            .entry(result.check_id.as_str())
            .or_default()
            .push((stack, result));
    }
    groups
}

/// At most `limit` rows of `results`, keeping their order; beyond the limit, fail, error and
/// waived results come before pass and skip. Returns the rows and how many were left out.
fn capped<'a>(
    results: &[(&'a StackReport, &'a CheckResult)],
    limit: usize,
) -> (Vec<Row<'a>>, usize) {
    let row = |(stack, result): &(&'a StackReport, &'a CheckResult)| Row {
        stack: &stack.name,
        result,
        status: result.status.as_str(),
    };
    if results.len() <= limit {
        return (results.iter().map(row).collect(), 0);
    }
    let telling =
        |r: &CheckResult| matches!(r.status, Status::Fail | Status::Error | Status::Waived);
    let rows = results
        .iter()
        .filter(|(_, r)| telling(r))
        .chain(results.iter().filter(|(_, r)| !telling(r)))
        .take(limit)
        .map(row)
        .collect();
    (rows, results.len() - limit)
}

#[derive(Serialize)]
struct Section<'a> {
    check: &'a CheckInfo,
    worst: &'static str,
    counts: BTreeMap<&'static str, usize>,
    rows: Vec<Row<'a>>,
    /// Results of the check not shown (every one is in `report.json`).
    hidden: usize,
    /// The counts in words: "3 fail, 197 pass".
    tally: String,
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

/// The worst status among counted results: fail, then error, waived, pass, skip.
fn worst(counts: &BTreeMap<&'static str, usize>) -> &'static str {
    [
        Status::Fail,
        Status::Error,
        Status::Waived,
        Status::Pass,
        Status::Skip,
    ]
    .into_iter()
    .find(|s| counts.get(s.as_str()).is_some_and(|n| *n > 0))
    .unwrap_or(Status::Skip)
    .as_str()
}

const SEVERITIES: [&str; 5] = ["critical", "high", "medium", "low", "info"];

/// Severity → status counts, most severe first.
fn severity_statuses(report: &RunReport) -> Vec<(&'static str, BTreeMap<&'static str, usize>)> {
    SEVERITIES
        .iter()
        .map(|severity| {
            let results = report.results().map(|(_, r)| r).filter(|r| {
                report
                    .check(&r.check_id)
                    .map_or("info", |c| c.severity.as_str())
                    == *severity
            });
            (*severity, status_counts(results))
        })
        .collect()
}

/// Failing results per severity, most severe first.
fn failing(
    severities: &[(&'static str, BTreeMap<&'static str, usize>)],
) -> Vec<(&'static str, usize)> {
    severities
        .iter()
        .map(|(severity, counts)| (*severity, counts["fail"]))
        .collect()
}

/// Domain → status counts.
fn domain_counts(
    report: &RunReport,
    by_check: &ByCheck,
) -> BTreeMap<String, BTreeMap<&'static str, usize>> {
    let mut domains = BTreeMap::new();
    for check in &report.checks {
        let results = results_of(by_check, &check.id).iter().map(|(_, r)| *r);
        let entry: &mut BTreeMap<&'static str, usize> =
            domains.entry(check.domain.clone()).or_default();
        for (status, count) in status_counts(results) {
            *entry.entry(status).or_default() += count;
        }
    }
    domains
}

fn results_of<'a, 'b>(
    by_check: &'b ByCheck<'a>,
    id: &str,
) -> &'b [(&'a StackReport, &'a CheckResult)] {
    by_check.get(id).map_or(&[], Vec::as_slice)
}

/// One section per check: failing checks first by severity, then erroring ones, then the rest,
/// by id.
fn sections<'a>(
    report: &'a RunReport,
    by_check: &ByCheck<'a>,
    rows_per_check: usize,
) -> Vec<Section<'a>> {
    let mut sections: Vec<Section> = report
        .checks
        .iter()
        .map(|check| {
            let results = results_of(by_check, &check.id);
            let (rows, hidden) = capped(results, rows_per_check);
            let counts = status_counts(results.iter().map(|(_, r)| *r));
            let tally = counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(status, n)| format!("{n} {status}"))
                .collect::<Vec<_>>()
                .join(", ");
            Section {
                check,
                worst: worst(&counts),
                counts,
                rows,
                hidden,
                tally,
            }
        })
        .collect();
    // Failing checks first, the most severe first; then the unverifiable; then the rest.
    let rank = |s: &Section| {
        let severity = SEVERITIES
            .iter()
            .position(|v| *v == s.check.severity)
            .unwrap_or(SEVERITIES.len());
        match s.worst {
            "fail" => (0, severity),
            "error" => (1, 0),
            _ => (2, 0),
        }
    };
    sections.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.check.id.cmp(&b.check.id)));
    sections
}

/// The waived results (at most `limit`) and how many more there are.
fn waived(report: &RunReport, limit: usize) -> (Vec<Row<'_>>, usize) {
    let waived: Vec<_> = report
        .results()
        .filter(|(_, r)| r.waiver.is_some())
        .collect();
    capped(&waived, limit)
}

/// Framework → control → (checks, worst status), for FSBP, PCI DSS and CIS.
fn compliance(
    report: &RunReport,
    by_check: &ByCheck,
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
            *status =
                worst(&status_counts(checks.iter().flat_map(|id| {
                    results_of(by_check, id).iter().map(|(_, r)| *r)
                })));
        }
    }
    frameworks
}

/// Markdown as inline HTML (to sit inside a paragraph of the page): paragraphs run on with a
/// space, and HTML written in the text is shown as text, never interpreted.
fn inline_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let events = Parser::new(text).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) => None,
        Event::End(TagEnd::Paragraph) => Some(Event::Text(" ".into())),
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        other => Some(other),
    });
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}
