//! The template's `Outputs` as the deployed stack's outputs file will hold them (key → resolved
//! value), classified by the classifier `check --outputs` uses, so STACK-006 ("the outputs
//! export the profiled kinds") reads a template as it reads the deployed stack.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};
use stackproof_checks::outputs::anchors_of;

use crate::resolve::{Resolver, loose_text};

/// A template's EC2 ids name their logical id (`vpc-Network`); AWS's are hex (`vpc-0a1b…`),
/// which is what the classifier recognises. Each id of a comma-separated list is mapped.
fn aws_shaped(value: &str) -> String {
    let shaped = |id: &str| match id.split_once('-') {
        Some((prefix, rest))
            if crate::physical::is_ec2_prefix(prefix)
                && !rest.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{prefix}-00000000")
        }
        _ => id.to_string(),
    };
    value.split(',').map(shaped).collect::<Vec<_>>().join(",")
}

/// Output key → kind (`load-balancer-dns`, `db-cluster-endpoint`, `unclassified` …) of every
/// output the template creates with these parameters.
pub fn kinds(body: &Value, resolver: &Resolver) -> BTreeMap<String, String> {
    let mut flat = Map::new();
    for (key, output) in body["Outputs"].as_object().into_iter().flatten() {
        if !resolver.creates(output["Condition"].as_str()).0 {
            continue;
        }
        if let Some(value) = resolver.resolve(&output["Value"]) {
            let value = loose_text(&value);
            flat.insert(key.clone(), Value::String(aws_shaped(&value)));
        }
    }
    // Notes on unknowns belong to resources; an unknown output value classifies by its key.
    resolver.take_notes();
    let text = Value::Object(flat).to_string();
    let Ok((_, anchors)) = anchors_of(&text, Path::new("Outputs")) else {
        return BTreeMap::new();
    };
    anchors
        .into_iter()
        .map(|anchor| (anchor.key, anchor.kind.name()))
        .collect()
}
