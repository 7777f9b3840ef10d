//! `results.sarif`: SARIF 2.1.0 — a rule per check (from its metadata), a result per `fail`
//! located at the resource (a logical location: kind and id). Results are serialised one by
//! one as the file is written, never gathered first.

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Value, json};

use super::{RunReport, StackReport};
use crate::result::{CheckResult, Status};

pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rules: Vec<Value> = report
        .checks
        .iter()
        .map(|check| {
            let tags: Vec<String> = check
                .references
                .iter()
                .map(|r| format!("{} {}", r.framework, r.id))
                .collect();
            json!({
                "id": check.id,
                "name": check.id.replace('-', ""),
                "shortDescription": { "text": check.title },
                "fullDescription": { "text": check.rationale },
                "help": { "text": check.remediation },
                "defaultConfiguration": { "level": level(&check.severity) },
                "properties": { "severity": check.severity, "tags": tags },
            })
        })
        .collect();
    let sarif = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({ "driver": {
                "name": "stackproof",
                "version": report.tool_version,
                "rules": rules,
            }}),
            automation_details: json!({ "id": format!("stackproof/{}", report.run_id) }),
            results: Failures(report),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    automation_details: Value,
    results: Failures<'a>,
}

/// Every `fail` of the report, serialised as SARIF results while written.
struct Failures<'a>(&'a RunReport);

impl Serialize for Failures<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for (stack, result) in self.0.results().filter(|(_, r)| r.status == Status::Fail) {
            seq.serialize_element(&sarif_result(self.0, stack, result))?;
        }
        seq.end()
    }
}

fn sarif_result(report: &RunReport, stack: &StackReport, result: &CheckResult) -> Value {
    let severity = report
        .check(&result.check_id)
        .map_or("info", |c| c.severity.as_str());
    json!({
        "ruleId": result.check_id,
        "level": level(severity),
        "message": { "text": format!("{}: {}", result.resource, result.message) },
        "locations": [{
            "logicalLocations": [{
                "name": result.resource.id,
                "fullyQualifiedName": format!("{}/{}/{}", stack.name, result.resource.kind, result.resource.id),
                "kind": "resource",
            }]
        }],
        "properties": { "stack": stack.name, "resourceKind": result.resource.kind },
    })
}

/// SARIF levels by severity.
fn level(severity: &str) -> &'static str {
    match severity {
        "critical" | "high" => "error",
        "medium" => "warning",
        _ => "note",
    }
}
