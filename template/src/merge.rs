//! The two readings' verdicts into one: a result both readings give alike stands; one they
//! differ on (or only one gives) rests on values known only after deploy and becomes `skip`,
//! naming them. Results are then named by the logical ids that declare their resources.

use std::collections::{BTreeMap, HashMap};

use stackproof_checks::engine::Evaluation;
use stackproof_checks::inventory::ResourceRef;
use stackproof_checks::result::{CheckResult, Evidence, Status};

use crate::build::Reading;

/// At most this many unknowns are named in one message.
const NAMED: usize = 3;

pub fn merge(open: (Reading, Evaluation), closed: (Reading, Evaluation)) -> Evaluation {
    let (open_reading, mut evaluation) = open;
    let (closed_reading, closed_evaluation) = closed;
    let mut others: HashMap<(String, ResourceRef), Vec<CheckResult>> = HashMap::new();
    for result in closed_evaluation.results {
        let key = (result.check_id.clone(), result.resource.clone());
        others.entry(key).or_default().push(result);
    }
    let mut origins = open_reading.origins;
    origins.extend(closed_reading.origins);
    let mut unknowns = closed_reading.unknowns;
    unknowns.extend(open_reading.unknowns);
    let mut merged = Vec::with_capacity(evaluation.results.len());
    for mut result in evaluation.results {
        let key = (result.check_id.clone(), result.resource.clone());
        match (others.get_mut(&key)).and_then(|list| list.pop()) {
            Some(other) if other.status == result.status => {
                if other.message != result.message {
                    shown_openly(&mut result, &origins, &unknowns);
                }
            }
            _ => undecided(&mut result, &origins, &unknowns),
        }
        merged.push(result);
    }
    for mut result in others.into_values().flatten() {
        undecided(&mut result, &origins, &unknowns);
        merged.push(result);
    }
    let mut parts = open_reading.parts;
    parts.extend(closed_reading.parts);
    for result in &mut merged {
        if let Some(attached) = parts.get(&result.resource) {
            // The resources whose properties the verdict judged: the rules, routes and
            // policies declared apart from the resource they change.
            let mut declared: Vec<&String> = origins.get(&result.resource).into_iter().collect();
            declared.extend(attached);
            result
                .evidence
                .push(Evidence::new("declared by", declared, "", "template"));
        }
        if let Some(logical) = origins.get(&result.resource) {
            result.resource.id = logical.clone();
        }
    }
    evaluation.results = merged;
    evaluation
}

/// The unknowns a result may rest on, in words: the resource's own, else the template's.
fn named_unknowns(
    result: &CheckResult,
    origins: &BTreeMap<ResourceRef, String>,
    unknowns: &BTreeMap<String, Vec<String>>,
) -> String {
    let own = origins.get(&result.resource).and_then(|l| unknowns.get(l));
    let named: Vec<String> = match own {
        Some(reasons) => reasons.iter().take(NAMED).cloned().collect(),
        None => (unknowns.iter())
            .flat_map(|(logical, reasons)| reasons.iter().map(move |r| format!("{logical}.{r}")))
            .take(NAMED)
            .collect(),
    };
    if named.is_empty() {
        "(none recorded)".to_string()
    } else {
        named.join("; ")
    }
}

/// A verdict both readings give, worded from values they differ on: say which are placeholders.
fn shown_openly(
    result: &mut CheckResult,
    origins: &BTreeMap<ResourceRef, String>,
    unknowns: &BTreeMap<String, Vec<String>>,
) {
    let named = named_unknowns(result, origins, unknowns);
    result.message = format!(
        "{} (the same with any value of what is known only after deploy, shown here as `*` or 0.0.0.0/0: {named})",
        result.message
    );
}

fn undecided(
    result: &mut CheckResult,
    origins: &BTreeMap<ResourceRef, String>,
    unknowns: &BTreeMap<String, Vec<String>>,
) {
    let named = named_unknowns(result, origins, unknowns);
    result.status = Status::Skip;
    result.message = format!("depends on values known only after deploy: {named}");
    result.waiver = None;
}
