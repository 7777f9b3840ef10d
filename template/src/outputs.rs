//! The template's `Outputs` as the deployed stack's outputs file will hold them (key → resolved
//! value), classified by the classifier `check --outputs` uses, so STACK-006 ("the outputs
//! export the profiled kinds") reads a template as it reads the deployed stack.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};
use stackproof_checks::outputs::anchors_of;

use crate::resolve::{Resolver, loose_text};

/// Output key → kind (`load-balancer-dns`, `db-cluster-endpoint`, `unclassified` …) of every
/// output the template creates with these parameters.
pub fn kinds(body: &Value, resolver: &Resolver) -> BTreeMap<String, String> {
    let mut flat = Map::new();
    for (key, output) in body["Outputs"].as_object().into_iter().flatten() {
        if !resolver.creates(output["Condition"].as_str()).0 {
            continue;
        }
        if let Some(value) = resolver.resolve(&output["Value"]) {
            flat.insert(key.clone(), Value::String(loose_text(&value)));
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
