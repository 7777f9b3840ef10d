//! `results.sarif`: SARIF 2.1.0 — a rule per check (from its metadata), a result per `fail`
//! located at the resource twice: physically, at the line of the outputs file that names it
//! (what GitHub code scanning needs to show a result), and logically (kind and id). Results are
//! serialised one by one as the file is written, never gathered first.

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{RunReport, StackReport};
use crate::result::{CheckResult, Status};

pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rules: Vec<Value> = report
        .checks
        .iter()
        .map(|check| {
            // Code scanning files results of rules tagged `security` as security alerts, ranked by
            // `security-severity`.
            let tags: Vec<String> = std::iter::once("security".to_string())
                .chain(
                    check
                        .references
                        .iter()
                        .map(|r| format!("{} {}", r.framework, r.id)),
                )
                .collect();
            json!({
                "id": check.id,
                "name": check.id.replace('-', ""),
                "shortDescription": { "text": check.title },
                "fullDescription": { "text": check.rationale },
                "help": { "text": check.remediation },
                "defaultConfiguration": { "level": level(&check.severity) },
                "properties": {
                    "severity": check.severity,
                    "security-severity": security_severity(&check.severity),
                    "tags": tags,
                },
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
    let resource = &result.resource;
    let qualified = format!("{}/{}/{}", stack.name, resource.kind, resource.id);
    let logical = json!({
        "name": resource.id,
        "fullyQualifiedName": qualified,
        "kind": "resource",
    });
    let params = report.check(&result.check_id).map(|c| c.params.as_slice());
    let location = match declaring_place(&stack.meta, &resource.id, params.unwrap_or_default()) {
        Some((file, line)) => json!({
            "physicalLocation": {
                "artifactLocation": { "uri": artifact_uri(file) },
                "region": { "startLine": line },
            },
            "logicalLocations": [logical],
        }),
        // An inventory from elsewhere: no file to point at, the resource alone.
        None => json!({ "logicalLocations": [logical] }),
    };
    let fingerprint = super::write::hex(Sha256::new_with_prefix(format!(
        "{}|{qualified}",
        result.check_id
    )));
    json!({
        "ruleId": result.check_id,
        "level": level(severity),
        "message": { "text": format!("{}: {}", result.resource, result.message) },
        "locations": [location],
        "partialFingerprints": { "stackproof/v1": fingerprint },
        "properties": { "stack": stack.name, "resourceKind": result.resource.kind },
    })
}

/// The file and line that declare what failed: the line of the outputs file that names the
/// resource (the output whose value is its id, else the first whose value contains it, such as
/// a name inside an ARN or DNS name); else the line of the profile file that sets a parameter
/// the check read; else line 1 of the outputs file, which declares the stack.
fn declaring_place<'m>(
    meta: &'m crate::inventory::RunMeta,
    id: &str,
    params: &[String],
) -> Option<(&'m str, usize)> {
    let outputs = meta.outputs_file.as_deref();
    let named = (id != crate::inventory::ResourceRef::stack().id)
        .then(|| {
            meta.output_lines.get(id).copied().or_else(|| {
                (meta.output_lines.iter())
                    .filter(|(named, _)| named.contains(id))
                    .map(|(_, line)| *line)
                    .min()
            })
        })
        .flatten();
    if let (Some(file), Some(line)) = (outputs, named) {
        return Some((file, line));
    }
    let profiled = params
        .iter()
        .find_map(|p| meta.profile_lines.get(p).copied());
    if let (Some(file), Some(line)) = (meta.profile_file.as_deref(), profiled) {
        return Some((file, line));
    }
    outputs.map(|file| (file, 1))
}

/// The outputs file as code scanning resolves it: relative to the checkout (the working
/// directory), with forward slashes.
fn artifact_uri(file: &str) -> String {
    let path = std::path::Path::new(file);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|dir| {
            path.strip_prefix(dir)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let uri = relative.to_string_lossy().replace('\\', "/");
    uri.strip_prefix("./").unwrap_or(&uri).to_string()
}

/// GitHub's `security-severity` scores: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low < 4.
fn security_severity(severity: &str) -> &'static str {
    match severity {
        "critical" => "9.5",
        "high" => "8.0",
        "medium" => "5.5",
        _ => "3.0",
    }
}

/// SARIF levels by severity.
fn level(severity: &str) -> &'static str {
    match severity {
        "critical" | "high" => "error",
        "medium" => "warning",
        _ => "note",
    }
}
