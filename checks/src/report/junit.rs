//! `junit.xml`: a test suite per stack, a test case per check × resource. `fail` is a
//! `<failure>` (observed vs expected), `error` an `<error>` naming the failed operation, `skip`
//! and `waived` are `<skipped>` with the reason or the waiver; severity and references are
//! properties.
//!
//! The document is the one quick-junit serialises (same elements, attributes and indentation),
//! written test case by test case with quick-xml instead of built whole first: a report of a
//! million results would otherwise hold a second copy of itself (measured in
//! docs/performance.md). Text goes through quick-junit's `XmlString` whenever it holds a control
//! character, so ANSI escapes and characters XML forbids are removed exactly as quick-junit does.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use quick_junit::XmlString;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{RunReport, StackReport, evidence_lines};
use crate::result::{CheckResult, Status};

pub fn write(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = Writer::new_with_indent(out, b' ', 4);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", &*clean(&format!("stackproof {}", report.run_id))));
    push_counts(
        &mut root,
        &report.counts(),
        ["tests", "skipped", "failures", "errors"],
    );
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(&report.generated_at) {
        let stamp = time.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string();
        root.push_attribute(("timestamp", stamp.as_str()));
    }
    writer.write_event(Event::Start(root))?;
    let checks = prepared(report);
    for stack in &report.stacks {
        suite(&checks, stack, &mut writer)?;
    }
    writer.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writer.write_indent()
}

/// What every test case of a check repeats, made once per check.
struct Prepared<'a> {
    severity: &'a str,
    prefix: String,
    references: Vec<String>,
}

fn prepared(report: &RunReport) -> HashMap<&str, Prepared<'_>> {
    report
        .checks
        .iter()
        .map(|check| {
            let prepared = Prepared {
                severity: &check.severity,
                prefix: format!(
                    "[{}][{}] {} — ",
                    check.severity.to_uppercase(),
                    check.id,
                    check.title
                ),
                references: check
                    .references
                    .iter()
                    .map(|r| format!("{} {}", r.framework, r.id))
                    .collect(),
            };
            (check.id.as_str(), prepared)
        })
        .collect()
}

fn suite(
    checks: &HashMap<&str, Prepared>,
    stack: &StackReport,
    writer: &mut Writer<&mut dyn Write>,
) -> std::io::Result<()> {
    let mut counts = BTreeMap::new();
    for result in &stack.results {
        *counts.entry(result.status).or_default() += 1;
    }
    let mut tag = BytesStart::new("testsuite");
    tag.push_attribute(("name", &*clean(&stack.name)));
    push_counts(
        &mut tag,
        &counts,
        ["tests", "skipped", "errors", "failures"],
    );
    writer.write_event(Event::Start(tag))?;
    let mut properties = vec![
        ("profile", stack.profile.as_str()),
        ("target", stack.meta.target.as_str()),
    ];
    if let Some(region) = &stack.meta.region {
        properties.push(("region", region));
    }
    write_properties(writer, &properties)?;
    for result in &stack.results {
        test_case(checks, &stack.name, result, writer)?;
    }
    writer.write_event(Event::End(BytesEnd::new("testsuite")))
}

fn test_case(
    checks: &HashMap<&str, Prepared>,
    stack: &str,
    result: &CheckResult,
    writer: &mut Writer<&mut dyn Write>,
) -> std::io::Result<()> {
    let unknown;
    let check = match checks.get(result.check_id.as_str()) {
        Some(check) => check,
        None => {
            unknown = Prepared {
                severity: "info",
                prefix: format!("[INFO][{}]  — ", result.check_id),
                references: Vec::new(),
            };
            &unknown
        }
    };
    let name = format!("{}{}", check.prefix, result.resource);
    let mut tag = BytesStart::new("testcase");
    tag.push_attribute(("name", &*clean(&name)));
    tag.push_attribute((
        "classname",
        &*clean(&format!("{stack}.{}", result.check_id)),
    ));
    writer.write_event(Event::Start(tag))?;
    let mut properties = vec![("severity", check.severity)];
    properties.extend(check.references.iter().map(|r| ("reference", r.as_str())));
    write_properties(writer, &properties)?;
    match result.status {
        Status::Pass => {}
        Status::Fail | Status::Error => {
            let element = if result.status == Status::Fail {
                "failure"
            } else {
                "error"
            };
            let mut tag = BytesStart::new(element);
            tag.push_attribute(("message", &*clean(&result.message)));
            tag.push_attribute(("type", &*clean(&result.check_id)));
            writer.write_event(Event::Start(tag))?;
            let description = evidence_lines(result);
            writer.write_event(Event::Text(BytesText::new(&clean(&description))))?;
            writer.write_event(Event::End(BytesEnd::new(element)))?;
        }
        Status::Skip | Status::Waived => {
            let message = match (&result.waiver, result.status) {
                (Some(waiver), Status::Waived) => Some(format!(
                    "waived ({} underneath) until {}: {} — approved by {}, ticket {}",
                    waiver.underlying.as_str(),
                    waiver.expires,
                    waiver.justification,
                    waiver.approver,
                    waiver.ticket
                )),
                (_, Status::Waived) => None,
                _ => Some(result.message.clone()),
            };
            let mut tag = BytesStart::new("skipped");
            if let Some(message) = &message {
                tag.push_attribute(("message", &*clean(message)));
            }
            writer.write_event(Event::Empty(tag))?;
        }
    }
    writer.write_event(Event::End(BytesEnd::new("testcase")))
}

/// `<properties>` with one `<property name value/>` each.
fn write_properties(
    writer: &mut Writer<&mut dyn Write>,
    properties: &[(&str, &str)],
) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new("properties")))?;
    for (name, value) in properties {
        let mut tag = BytesStart::new("property");
        tag.push_attribute(("name", &*clean(name)));
        tag.push_attribute(("value", &*clean(value)));
        writer.write_event(Event::Empty(tag))?;
    }
    writer.write_event(Event::End(BytesEnd::new("properties")))
}

/// The count attributes, in the order quick-junit writes them for `tag`, from status counts.
fn push_counts(tag: &mut BytesStart, counts: &BTreeMap<Status, usize>, order: [&str; 4]) {
    let count = |status| counts.get(&status).copied().unwrap_or(0);
    for name in order {
        let value = match name {
            "tests" => counts.values().sum(),
            "skipped" => count(Status::Skip) + count(Status::Waived),
            "failures" => count(Status::Fail),
            "errors" => count(Status::Error),
            other => unreachable!("no JUnit count is named {other}"),
        };
        tag.push_attribute((name, value.to_string().as_str()));
    }
}

/// Text as quick-junit writes it: unchanged unless it holds a control character (ANSI escapes,
/// characters XML 1.0 forbids), which `XmlString` then removes.
fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(XmlString::new(text).into_string())
    } else {
        Cow::Borrowed(text)
    }
}
