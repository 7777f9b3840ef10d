//! `Fn::ForEach` (the `AWS::LanguageExtensions` transform): a resource fragment repeated for each
//! value of a collection, the identifier replaced in its logical ids (`${Id}`, or `&{Id}` with
//! the value's non-alphanumeric characters left out) and in its values (`${Id}` in text,
//! `{"Ref": "Id"}`). A collection known only after deploy expands to nothing and is reported.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// `Resources` with every `Fn::ForEach` expanded; the second value lists, as (key, why), the
/// loops whose collection could not be known and the macros (`Fn::Transform`) left unexpanded.
pub fn expand(
    resources: &Map<String, Value>,
    parameters: &Value,
    given: &BTreeMap<String, String>,
) -> (Map<String, Value>, Vec<(String, &'static str)>) {
    let mut expanded = Map::new();
    let mut unknown = Vec::new();
    expand_into(resources, parameters, given, &mut expanded, &mut unknown, 0);
    (expanded, unknown)
}

fn expand_into(
    resources: &Map<String, Value>,
    parameters: &Value,
    given: &BTreeMap<String, String>,
    out: &mut Map<String, Value>,
    unknown: &mut Vec<(String, &'static str)>,
    depth: usize,
) {
    for (key, value) in resources {
        if key.starts_with("Fn::") && !key.starts_with("Fn::ForEach::") {
            // `Fn::Transform` (a macro such as AWS::Include) writes resources at deploy.
            unknown.push((
                key.clone(),
                "a macro's resources are known only after deploy",
            ));
            continue;
        }
        if !key.starts_with("Fn::ForEach::") {
            out.insert(key.clone(), value.clone());
            continue;
        }
        let loop_parts = value.as_array().filter(|v| v.len() == 3);
        let Some([identifier, collection, fragment]) = loop_parts.map(|v| [&v[0], &v[1], &v[2]])
        else {
            unknown.push((key.clone(), "malformed"));
            continue;
        };
        let (Some(identifier), Some(fragment)) = (identifier.as_str(), fragment.as_object()) else {
            unknown.push((key.clone(), "malformed"));
            continue;
        };
        let Some(values) = collection_values(collection, parameters, given).filter(|_| depth < 8)
        else {
            unknown.push((key.clone(), "its collection is known only after deploy"));
            continue;
        };
        for item in values {
            let replaced = Map::from_iter(fragment.iter().map(|(k, v)| {
                (
                    replace_text(k, identifier, &item),
                    replace_value(v, identifier, &item),
                )
            }));
            expand_into(&replaced, parameters, given, out, unknown, depth + 1);
        }
    }
}

fn collection_values(
    collection: &Value,
    parameters: &Value,
    given: &BTreeMap<String, String>,
) -> Option<Vec<String>> {
    match collection {
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Value::Object(map) => {
            let name = map.get("Ref")?.as_str()?;
            let text = given.get(name).cloned().or_else(|| {
                let default = &parameters[name]["Default"];
                match default {
                    Value::String(s) => Some(s.clone()),
                    Value::Array(items) => Some(
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    _ => None,
                }
            })?;
            Some(text.split(',').map(|s| s.trim().to_string()).collect())
        }
        _ => None,
    }
}

fn replace_text(text: &str, identifier: &str, item: &str) -> String {
    let alphanumeric: String = item.chars().filter(char::is_ascii_alphanumeric).collect();
    text.replace(&format!("${{{identifier}}}"), item)
        .replace(&format!("&{{{identifier}}}"), &alphanumeric)
}

fn replace_value(value: &Value, identifier: &str, item: &str) -> Value {
    match value {
        Value::String(s) => Value::String(replace_text(s, identifier, item)),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| replace_value(v, identifier, item))
                .collect(),
        ),
        Value::Object(map)
            if map.len() == 1 && map.get("Ref").and_then(Value::as_str) == Some(identifier) =>
        {
            Value::String(item.to_string())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    (
                        replace_text(k, identifier, item),
                        replace_value(v, identifier, item),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_repeats_its_fragment_with_the_identifier_replaced() {
        let resources = serde_json::json!({
            "Fn::ForEach::Buckets": ["Name", {"Ref": "Names"}, {
                "Bucket${Name}": {"Type": "AWS::S3::Bucket",
                    "Properties": {"BucketName": {"Fn::Sub": "logs-${Name}"}, "Tags": [{"Key": "n", "Value": {"Ref": "Name"}}]}}
            }],
            "Plain": {"Type": "AWS::SNS::Topic"},
            "Fn::ForEach::Later": ["X", {"Fn::GetAZs": ""}, {"T${X}": {"Type": "AWS::SNS::Topic"}}],
            "Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/snippet.yaml"}}
        });
        let parameters =
            serde_json::json!({"Names": {"Type": "CommaDelimitedList", "Default": "a, b-c"}});
        let (expanded, unknown) = expand(
            resources.as_object().unwrap(),
            &parameters,
            &BTreeMap::new(),
        );
        let keys: Vec<&String> = expanded.keys().collect();
        assert_eq!(keys, ["Bucketa", "Bucketb-c", "Plain"]);
        assert_eq!(
            expanded["Bucketb-c"]["Properties"]["BucketName"],
            serde_json::json!({"Fn::Sub": "logs-b-c"})
        );
        assert_eq!(expanded["Bucketa"]["Properties"]["Tags"][0]["Value"], "a");
        assert_eq!(
            unknown,
            [
                (
                    "Fn::ForEach::Later".to_string(),
                    "its collection is known only after deploy"
                ),
                (
                    "Fn::Transform".to_string(),
                    "a macro's resources are known only after deploy"
                )
            ]
        );
    }
}
