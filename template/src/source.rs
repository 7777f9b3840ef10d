//! Reading templates: a CloudFormation template file (JSON, or YAML with the short-form tags) or
//! a CDK `cdk.out` directory (every stack its manifest lists, and the nested stacks' templates).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// One template, parsed, with the line that declares each resource.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file it was read from, as given.
    pub file: PathBuf,
    /// The stack's name: the CDK stack's, else the file's stem.
    pub stack: String,
    pub body: Value,
    /// Logical id → the line of the template that declares it (1-based).
    pub resource_lines: BTreeMap<String, usize>,
    /// What was read leniently (a key given twice), for the console.
    pub warnings: Vec<String>,
}

/// A template that could not be read; the message names the file and where in it.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

impl TemplateError {
    fn new(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.display().to_string(),
            message: message.into(),
        }
    }
}

/// Reads a template file or a `cdk.out` directory into its templates.
pub fn read(path: &Path) -> Result<Vec<Template>, TemplateError> {
    if path.is_dir() {
        return read_cloud_assembly(path);
    }
    let stack = (path.file_stem())
        .map(|s| {
            s.to_string_lossy()
                .trim_end_matches(".template")
                .to_string()
        })
        .unwrap_or_else(|| "stack".into());
    Ok(vec![read_file(path, stack)?])
}

/// Parses one template file (JSON when it starts with `{`, else YAML).
pub fn read_file(path: &Path, stack: String) -> Result<Template, TemplateError> {
    let bytes = std::fs::read(path).map_err(|e| TemplateError::new(path, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        TemplateError::new(path, format!("not UTF-8 text (byte {at})"))
    })?;
    let parsed = parse_text(&text).map_err(|m| TemplateError::new(path, m))?;
    check_shape(&parsed.value).map_err(|m| TemplateError::new(path, m))?;
    Ok(Template {
        file: path.to_path_buf(),
        stack,
        body: parsed.value,
        resource_lines: parsed.resource_lines,
        warnings: parsed.warnings,
    })
}

/// The template's value and the line of each logical id. A text that starts with `{` is read
/// as JSON, and as YAML (a flow mapping, of which JSON is a subset) if JSON refuses it.
pub fn parse_text(text: &str) -> Result<crate::yaml::Parsed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => {
                let resource_lines = json_resource_lines(text, &value);
                return Ok(crate::yaml::Parsed {
                    value,
                    resource_lines,
                    warnings: Vec::new(),
                });
            }
            Err(json) => {
                return crate::yaml::parse(text).map_err(|_| format!("invalid JSON: {json}"));
            }
        }
    }
    crate::yaml::parse(text).map_err(|e| format!("invalid YAML: {e}"))
}

/// What every template must be: a mapping with a `Resources` mapping of resources, each a
/// mapping with a `Type` (a type that is not text, such as a Rain module's tag, is read later as
/// not covered) or an `Fn::ForEach` (expanded later).
fn check_shape(body: &Value) -> Result<(), String> {
    let resources = body
        .get("Resources")
        .ok_or("not a CloudFormation template: no `Resources` section")?;
    let resources = resources
        .as_object()
        .ok_or("`Resources` is not a mapping")?;
    for (id, resource) in resources {
        if id.starts_with("Fn::") {
            continue; // Fn::ForEach is expanded, Fn::Transform listed (see foreach.rs)
        }
        if !resource.is_object() {
            return Err(format!("Resources.{id} is not a mapping"));
        }
        if resource.get("Type").is_none() {
            return Err(format!("Resources.{id} has no Type"));
        }
    }
    Ok(())
}

/// The line of each logical id in a JSON template: the first `"Id":` after `"Resources"`.
fn json_resource_lines(text: &str, body: &Value) -> BTreeMap<String, usize> {
    let start = text.find("\"Resources\"").unwrap_or(0);
    let ids = body.get("Resources").and_then(Value::as_object);
    ids.into_iter()
        .flatten()
        .filter_map(|(id, _)| {
            let quoted = format!("\"{id}\"");
            let mut from = start;
            while let Some(found) = text[from..].find(&quoted) {
                let at = from + found;
                let rest = text[at + quoted.len()..].trim_start();
                if rest.starts_with(':') {
                    return Some((id.clone(), 1 + text[..at].matches('\n').count()));
                }
                from = at + quoted.len();
            }
            None
        })
        .collect()
}

/// Every stack template a CDK cloud assembly holds (by its `manifest.json`), with the nested
/// stacks' templates its resources point at.
fn read_cloud_assembly(dir: &Path) -> Result<Vec<Template>, TemplateError> {
    let manifest_path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| TemplateError::new(&manifest_path, format!("not a cdk.out directory: {e}")))?;
    let manifest: Value = serde_json::from_str(&text)
        .map_err(|e| TemplateError::new(&manifest_path, format!("invalid JSON: {e}")))?;
    let mut templates = Vec::new();
    for (name, artifact) in manifest["artifacts"].as_object().into_iter().flatten() {
        if artifact["type"] != "aws:cloudformation:stack" {
            continue;
        }
        let Some(file) = artifact["properties"]["templateFile"].as_str() else {
            continue;
        };
        let stack = (artifact["displayName"].as_str())
            .unwrap_or(name)
            .to_string();
        let template = read_file(&dir.join(file), stack.clone())?;
        let nested = nested_templates(&template.body);
        templates.push(template);
        for (logical, file) in nested {
            templates.push(read_file(&dir.join(file), format!("{stack}/{logical}"))?);
        }
    }
    if templates.is_empty() {
        return Err(TemplateError::new(
            &manifest_path,
            "the cloud assembly lists no CloudFormation stack",
        ));
    }
    Ok(templates)
}

/// Nested stacks CDK wrote next to the template: (logical id, `aws:asset:path`).
fn nested_templates(body: &Value) -> Vec<(String, String)> {
    (body["Resources"].as_object().into_iter().flatten())
        .filter(|(_, r)| r["Type"] == "AWS::CloudFormation::Stack")
        .filter_map(|(id, r)| {
            let path = r["Metadata"]["aws:asset:path"].as_str()?;
            path.ends_with(".json")
                .then(|| (id.clone(), path.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_point_at_the_logical_id_not_an_earlier_mention() {
        let text = "{\n \"Outputs\": {\"Vpc\": 1},\n \"Resources\": {\n  \"Vpc\": {\"Type\": \"AWS::EC2::VPC\"}\n }\n}";
        let parsed = parse_text(text).unwrap();
        assert_eq!(parsed.resource_lines["Vpc"], 4);
    }

    #[test]
    fn a_template_without_resources_or_types_is_refused_with_the_key() {
        assert!(
            check_shape(&serde_json::json!({"Outputs": {}}))
                .unwrap_err()
                .contains("no `Resources`")
        );
        let error = check_shape(&serde_json::json!({"Resources": {"A": {"Properties": {}}}}));
        assert_eq!(error.unwrap_err(), "Resources.A has no Type");
        let module = serde_json::json!({"Resources": {"A": {"Type": {"Rain::Module": "vpc.yml"}}}});
        assert!(check_shape(&module).is_ok());
    }
}
