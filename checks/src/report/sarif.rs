//! `results.sarif`: SARIF 2.1.0 — a rule per check (from its metadata), a result per `fail`
//! located at the resource (a logical location: kind and id).

use serde_json::{Value, json};

use super::RunReport;
use crate::result::Status;

pub fn render(report: &RunReport) -> String {
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
    let results: Vec<Value> = report
        .results()
        .filter(|(_, r)| r.status == Status::Fail)
        .map(|(stack, result)| {
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
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "stackproof",
                "version": report.tool_version,
                "rules": rules,
            }},
            "automationDetails": { "id": format!("stackproof/{}", report.run_id) },
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

/// SARIF levels by severity.
fn level(severity: &str) -> &'static str {
    match severity {
        "critical" | "high" => "error",
        "medium" => "warning",
        _ => "note",
    }
}
