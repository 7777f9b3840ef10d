//! Parsing outputs files: CloudFormation/CDK flat maps, CDK per-stack maps, `pulumi stack output
//! --json` and `terraform output -json`. Lists inside values (JSON arrays, JSON-encoded arrays in
//! strings, comma-joined strings) become one value each; nothing is dropped.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

/// Which tool's style the file was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputsFormat {
    /// `{"Key": "value"}` (CloudFormation, CDK `--outputs-file` of one stack)
    Flat,
    /// `{"Stack": {"Key": "value"}}` (CDK `--outputs-file` of several stacks)
    CdkNested,
    /// `pulumi stack output --json`: values may be lists or objects
    Pulumi,
    /// `terraform output -json`: `{"name": {"value": …, "type": …, "sensitive": …}}`
    Terraform,
}

/// One scalar value of the file, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputValue {
    /// The output's key, with the path inside structured values (`db.endpoint`, `subnets[1]`).
    pub key: String,
    /// The stack (CDK nested files) the output belongs to.
    pub stack: Option<String>,
    pub value: String,
    /// Terraform's `sensitive = true`: the value is never printed or reported.
    pub sensitive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedOutputs {
    pub format: OutputsFormat,
    pub values: Vec<OutputValue>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputsError {
    #[error("cannot read outputs file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("outputs file {path} is not valid JSON: {message}")]
    Json { path: PathBuf, message: String },
    #[error("outputs file {path} must hold a JSON object of outputs, found {found}")]
    NotAnObject { path: PathBuf, found: &'static str },
}

/// Parses the text of an outputs file (`path` is only used in errors).
pub fn parse_outputs(text: &str, path: &Path) -> Result<ParsedOutputs, OutputsError> {
    let json: Value = serde_json::from_str(text).map_err(|error| OutputsError::Json {
        path: path.to_path_buf(),
        message: error.to_string(),
    })?;
    let Value::Object(map) = &json else {
        return Err(OutputsError::NotAnObject {
            path: path.to_path_buf(),
            found: type_name(&json),
        });
    };
    let format = detect(map);
    let mut values = Vec::new();
    for (key, value) in map {
        match format {
            OutputsFormat::Terraform => {
                let sensitive = value
                    .get("sensitive")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                flatten(key, None, &value["value"], sensitive, &mut values);
            }
            OutputsFormat::CdkNested => {
                for (inner, leaf) in value.as_object().into_iter().flatten() {
                    flatten(inner, Some(key), leaf, false, &mut values);
                }
            }
            OutputsFormat::Flat | OutputsFormat::Pulumi => {
                flatten(key, None, value, false, &mut values)
            }
        }
    }
    Ok(ParsedOutputs { format, values })
}

fn detect(map: &serde_json::Map<String, Value>) -> OutputsFormat {
    let objects: Vec<&serde_json::Map<String, Value>> =
        map.values().filter_map(Value::as_object).collect();
    if map.is_empty() || objects.len() < map.len() {
        return if objects.is_empty() && map.values().all(|v| !v.is_array()) {
            OutputsFormat::Flat
        } else {
            OutputsFormat::Pulumi
        };
    }
    if objects.iter().all(|o| {
        o.contains_key("value")
            && o.keys()
                .all(|k| matches!(k.as_str(), "value" | "type" | "sensitive"))
    }) {
        OutputsFormat::Terraform
    } else if objects
        .iter()
        .all(|o| !o.is_empty() && o.values().all(|v| !v.is_object() && !v.is_array()))
    {
        OutputsFormat::CdkNested
    } else {
        OutputsFormat::Pulumi
    }
}

/// Walks a value down to its scalars, splitting lists on the way.
fn flatten(
    key: &str,
    stack: Option<&str>,
    value: &Value,
    sensitive: bool,
    out: &mut Vec<OutputValue>,
) {
    let mut push = |value: String| {
        out.push(OutputValue {
            key: key.to_string(),
            stack: stack.map(str::to_string),
            value,
            sensitive,
        })
    };
    match value {
        // An empty list or object still records that the output exists.
        Value::Array(items) if items.is_empty() => push(String::new()),
        Value::Object(map) if map.is_empty() => push(String::new()),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{key}[{index}]"), stack, item, sensitive, out);
            }
        }
        Value::Object(map) => {
            for (inner, item) in map {
                flatten(&format!("{key}.{inner}"), stack, item, sensitive, out);
            }
        }
        Value::String(text) => match split_list(text) {
            Some(parts) => parts.into_iter().for_each(push),
            None => push(text.clone()),
        },
        Value::Null => push(String::new()),
        scalar => push(scalar.to_string()),
    }
}

/// A JSON-encoded list inside a string, or a comma-joined list of identifiers.
fn split_list(text: &str) -> Option<Vec<String>> {
    let trimmed = text.trim();
    if trimmed.starts_with('[')
        && let Ok(Value::Array(items)) = serde_json::from_str::<Value>(trimmed)
    {
        return Some(
            items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map_or_else(|| item.to_string(), str::to_string)
                })
                .collect(),
        );
    }
    if !trimmed.contains(',') {
        return None;
    }
    let parts: Vec<String> = trimmed
        .split(',')
        .map(|part| part.trim().to_string())
        .collect();
    // Only lists of identifiers are split; prose with commas stays one value.
    parts
        .iter()
        .all(|part| !part.is_empty() && !part.contains(char::is_whitespace))
        .then_some(parts)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
