//! Parsing outputs files: CloudFormation/CDK flat maps, CDK per-stack maps, `pulumi stack output
//! --json` and `terraform output -json`. Lists inside values (JSON arrays, JSON-encoded arrays in
//! strings, comma-joined strings) become one value each; nothing is dropped.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OutputValue {
    /// The output's key, with the path inside structured values (`db.endpoint`, `subnets[1]`).
    pub key: String,
    /// The stack (CDK nested files) the output belongs to.
    pub stack: Option<String>,
    pub value: String,
    /// Terraform's `sensitive = true`: the value is never printed or reported.
    pub sensitive: bool,
    /// The 1-based line of the file that declares the value: its own line where it has one,
    /// else its key's (what SARIF points code scanning at).
    pub line: usize,
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
    #[error("outputs file {path} names key `{key}` twice (which value is meant cannot be told)")]
    DuplicateKey { path: PathBuf, key: String },
    #[error(
        "outputs file {path} has a key with a control character: `{key}` (no deployment tool writes one)"
    )]
    ControlCharacter { path: PathBuf, key: String },
    #[error("outputs file {path} has an empty key (its value: `{value}`)")]
    EmptyKey { path: PathBuf, value: String },
}

/// Parses the text of an outputs file (`path` is only used in errors).
pub fn parse_outputs(text: &str, path: &Path) -> Result<ParsedOutputs, OutputsError> {
    // Editors on Windows start UTF-8 files with a byte-order mark; JSON does not allow one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json: Value = serde_json::from_str(text).map_err(|error| OutputsError::Json {
        path: path.to_path_buf(),
        message: error.to_string(),
    })?;
    if let Err(error) = serde_json::from_str::<unique::UniqueKeys>(text) {
        let message = error.to_string();
        let key = message
            .split_once(unique::DUPLICATE)
            .and_then(|(_, rest)| rest.rsplit_once('`'))
            .map_or(message.clone(), |(key, _)| key.to_string());
        return Err(OutputsError::DuplicateKey {
            path: path.to_path_buf(),
            key,
        });
    }
    let Value::Object(map) = &json else {
        return Err(OutputsError::NotAnObject {
            path: path.to_path_buf(),
            found: type_name(&json),
        });
    };
    let format = detect(map);
    let lines = Lines::of(text);
    // Where each output's value is written (one more parse, borrowing the text): its lines are
    // found there, in time linear in the file however many outputs it holds.
    let raw = raw_values(text);
    let mut values = Vec::new();
    for (key, value) in map {
        let start = values.len();
        let span = raw.get(key).map(|raw| span_of(text, raw));
        match format {
            OutputsFormat::Terraform => {
                let sensitive = value
                    .get("sensitive")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                flatten(key, None, &value["value"], sensitive, &mut values);
            }
            OutputsFormat::CdkNested => {
                let inner_raw = raw
                    .get(key)
                    .map_or_else(HashMap::new, |r| raw_values(r.get()));
                for (inner, leaf) in value.as_object().into_iter().flatten() {
                    let start = values.len();
                    flatten(inner, Some(key), leaf, false, &mut values);
                    let inner_span = inner_raw.get(inner).map(|raw| span_of(text, raw));
                    assign_lines(text, &lines, inner_span, &mut values[start..]);
                }
                continue;
            }
            OutputsFormat::Flat | OutputsFormat::Pulumi => {
                flatten(key, None, value, false, &mut values)
            }
        }
        assign_lines(text, &lines, span, &mut values[start..]);
    }
    for value in &values {
        if value.key.chars().any(char::is_control) {
            let key: String = value.key.chars().flat_map(char::escape_default).collect();
            return Err(OutputsError::ControlCharacter {
                path: path.to_path_buf(),
                key,
            });
        }
        if value.key.trim().is_empty() {
            let shown: String = value
                .value
                .chars()
                .take(40)
                .flat_map(char::escape_default)
                .collect();
            return Err(OutputsError::EmptyKey {
                path: path.to_path_buf(),
                value: if value.sensitive {
                    "<sensitive>".into()
                } else {
                    shown
                },
            });
        }
    }
    Ok(ParsedOutputs { format, values })
}

/// An object's values by key, each as the text it is written as (a slice of `text`); empty when
/// `text` is no object.
fn raw_values(text: &str) -> HashMap<String, &RawValue> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Where `raw`, a slice of `text`, is written: its byte range in `text`.
fn span_of(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// The byte offsets where the lines of a text start, to tell the line of an offset in
/// logarithmic time.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        let starts = text.match_indices('\n').map(|(at, _)| at + 1);
        Self(std::iter::once(0).chain(starts).collect())
    }

    /// The 1-based line of the byte at `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|start| *start <= offset)
    }
}

/// Gives each value of one output its line: where the value itself is written inside the
/// output's `span`, searched in order so list items get their own lines, else the line of the
/// output's key (its `:`). Sensitive values are never searched for.
fn assign_lines(text: &str, lines: &Lines, span: Option<Range<usize>>, values: &mut [OutputValue]) {
    let Some(span) = span else {
        return;
    };
    let colon = text[..span.start].trim_end().len().saturating_sub(1);
    let key_line = lines.line(colon);
    let mut cursor = span.start;
    for value in values {
        value.line = key_line;
        if value.sensitive || value.value.is_empty() {
            continue;
        }
        let Ok(quoted) = serde_json::to_string(&value.value) else {
            continue;
        };
        if let Some(found) = text[cursor..span.end].find(&quoted) {
            cursor += found;
            value.line = lines.line(cursor);
        }
    }
}

fn detect(map: &serde_json::Map<String, Value>) -> OutputsFormat {
    let objects: Vec<&serde_json::Map<String, Value>> =
        map.values().filter_map(Value::as_object).collect();
    if objects.iter().any(|o| is_pulumi_secret(o)) {
        return OutputsFormat::Pulumi;
    }
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
            line: 1,
        })
    };
    match value {
        // An empty list or object still records that the output exists.
        Value::Array(items) if items.is_empty() => push(String::new()),
        Value::Object(map) if map.is_empty() => push(String::new()),
        // A Pulumi secret (`pulumi stack export`, or an output read with its signature kept):
        // its value is never shown.
        Value::Object(map) if is_pulumi_secret(map) => out.push(OutputValue {
            key: key.to_string(),
            stack: stack.map(str::to_string),
            value: String::new(),
            sensitive: true,
            line: 1,
        }),
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

/// Pulumi marks a secret value with this signature key and value.
fn is_pulumi_secret(map: &serde_json::Map<String, Value>) -> bool {
    map.get("4dabf18193072939515e22adb298388d")
        .and_then(Value::as_str)
        == Some("1b47061264138c4ac30d75fd1eb44270")
}

/// Rejects a JSON document that names a key twice in any object (serde_json keeps the last).
mod unique {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

    pub const DUPLICATE: &str = "duplicate key `";

    pub struct UniqueKeys;

    impl<'de> Deserialize<'de> for UniqueKeys {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(UniqueKeys)
        }
    }

    impl<'de> Visitor<'de> for UniqueKeys {
        type Value = UniqueKeys;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    return Err(A::Error::custom(format!("{DUPLICATE}{key}`")));
                }
                map.next_value::<UniqueKeys>()?;
            }
            Ok(UniqueKeys)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<UniqueKeys>()?.is_some() {}
            Ok(UniqueKeys)
        }

        fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
        fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
        fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
        fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
        fn visit_str<E: Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(UniqueKeys)
        }
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
    // Empty items (`a,,b,`) are gaps a template left, not values.
    let parts: Vec<String> = trimmed
        .split(',')
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect();
    // Only lists of identifiers are split; prose with commas stays one value.
    (!parts.is_empty() && parts.iter().all(|part| !part.contains(char::is_whitespace)))
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
