//! Drift between environments of one stack (seed 003): each environment's inventory reduced to
//! *shapes* — keys named without ids, account, region, environment name or suffix, values as
//! text — compared key by key. Every key whose value differs between environments and that the
//! profile does not allow to differ is a `DRIFT-…` result, with each environment's value as
//! evidence.

/// Declares a drift aspect the way `declare_check!` declares a check: the doc comment is its
/// rationale, then `# Remediation`; `shapes` reads one environment's comparable shape.
macro_rules! declare_aspect {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            title: $title:literal,
            severity: $severity:ident,
            shapes: $shapes:path $(,)?
        }
    ) => {
        pub(super) static $name: $crate::drift::Aspect = $crate::drift::Aspect {
            meta: $crate::drift::meta($id, $title, $crate::check::Severity::$severity, &[$($doc),*]),
            shapes: $shapes,
        };
    };
}

mod aspects;
mod normalize;

use std::collections::{BTreeMap, BTreeSet};

use globset::{Glob, GlobSetBuilder};

use crate::check::{Meta, Reference, Severity};
use crate::inventory::{Inventory, ResourceRef};
use crate::profile::Profile;
use crate::result::{CheckResult, Evidence, Status};
use crate::words::W;

pub use normalize::Normalizer;

/// One aspect compared across environments: its metadata (as a check's) and what it reads.
pub struct Aspect {
    pub meta: Meta,
    /// Shape key → value for one environment.
    pub shapes: fn(&Inventory, &Normalizer) -> BTreeMap<String, String>,
}

/// One environment to compare: its name and inventory.
pub struct Environment<'a> {
    pub name: &'a str,
    pub inventory: &'a Inventory,
}

/// The aspects, in id order.
pub fn aspects() -> &'static [&'static Aspect] {
    aspects::ASPECTS
}

/// Compares the environments aspect by aspect; a difference the profile's `drift.allowed`
/// globs do not match is a `fail`, each aspect without differences one `pass` for the stack.
pub fn compare(environments: &[Environment], profile: &Profile) -> Vec<CheckResult> {
    let allowed = allowed(profile);
    let mut results = Vec::new();
    for aspect in aspects() {
        let per_env: Vec<(&str, BTreeMap<String, String>)> = environments
            .iter()
            .map(|env| {
                let normalizer = Normalizer::for_environment(env.name, env.inventory);
                (env.name, (aspect.shapes)(env.inventory, &normalizer))
            })
            .collect();
        let keys: BTreeSet<&String> = per_env.iter().flat_map(|(_, m)| m.keys()).collect();
        let mut drifted = Vec::new();
        let mut compared = 0;
        for key in keys {
            let values: Vec<(&str, Option<&String>)> =
                per_env.iter().map(|(env, m)| (*env, m.get(key))).collect();
            compared += 1;
            let first = values[0].1;
            if values.iter().all(|(_, v)| *v == first) || allowed.is_match(key.as_str()) {
                continue;
            }
            drifted.push(result(aspect, key, &values));
        }
        if drifted.is_empty() {
            let names: Vec<&str> = environments.iter().map(|e| e.name).collect();
            results.push(CheckResult {
                check_id: aspect.meta.id.to_string(),
                resource: ResourceRef::stack(),
                status: Status::Pass,
                message: format!(
                    "{compared} attributes agree across {names}",
                    names = W(&names)
                ),
                evidence: Vec::new(),
                waiver: None,
            });
        }
        results.extend(drifted);
    }
    results
}

/// Template ↔ deployed: every attribute the template declares (in both of its readings, see
/// template mode) compared with the deployed stack's, through the same shapes; what only the
/// deployed stack has is not the template's to judge. A value the two readings disagree on rests
/// on something known only after deploy and is not compared. A difference the profile's
/// `drift.allowed` does not match is a `fail`; each aspect without one, a `pass` for the stack.
pub fn compare_declared(
    template: [&Inventory; 2],
    deployed: &Inventory,
    profile: &Profile,
) -> Vec<CheckResult> {
    let allowed = allowed(profile);
    let mut results = Vec::new();
    for aspect in aspects() {
        let shapes = |inventory: &Inventory| {
            (aspect.shapes)(inventory, &Normalizer::for_environment("", inventory))
        };
        let (open, closed, live) = (shapes(template[0]), shapes(template[1]), shapes(deployed));
        let mut drifted = Vec::new();
        let (mut compared, mut unknown, mut unreported) = (0, 0, 0);
        for (key, declared) in &open {
            if closed.get(key) != Some(declared) {
                unknown += 1;
                continue;
            }
            let found = live.get(key);
            if found.is_none() && reports_resource_of(&live, key) {
                // The resource is there but its API does not report this attribute (an
                // emulator's gap): not seen is not different.
                unreported += 1;
                continue;
            }
            compared += 1;
            if found == Some(declared) || allowed.is_match(key.as_str()) {
                continue;
            }
            drifted.push(result(
                aspect,
                key,
                &[("template", Some(declared)), ("deployed", found)],
            ));
        }
        if drifted.is_empty() {
            let unknown = match (unknown, unreported) {
                (0, 0) => String::new(),
                (n, 0) => format!(" ({n} known only after deploy, not compared)"),
                (0, m) => format!(" ({m} not reported by the deployed stack, not compared)"),
                (n, m) => format!(
                    " ({n} known only after deploy, {m} not reported by the deployed stack, not compared)"
                ),
            };
            results.push(CheckResult {
                check_id: aspect.meta.id.to_string(),
                resource: ResourceRef::stack(),
                status: Status::Pass,
                message: format!(
                    "{compared} attributes the template declares agree with the deployed stack{unknown}"
                ),
                evidence: Vec::new(),
                waiver: None,
            });
        }
        results.extend(drifted);
    }
    results
}

/// Whether `shapes` has another attribute of the resource `key` is an attribute of (an entry of
/// a resource's attribute map, `…/attributes/<name>`, belongs to the resource).
fn reports_resource_of(shapes: &BTreeMap<String, String>, key: &str) -> bool {
    let resource = match key.split_once("/attributes/") {
        Some((resource, _)) => Some(resource),
        None => key.rsplit_once('/').map(|(resource, _)| resource),
    };
    let Some(resource) = resource else {
        return false;
    };
    let prefix = format!("{resource}/");
    (shapes.range(prefix.clone()..))
        .next()
        .is_some_and(|(other, _)| other.starts_with(&prefix))
}

fn result(aspect: &Aspect, key: &str, values: &[(&str, Option<&String>)]) -> CheckResult {
    let shown: Vec<String> = values
        .iter()
        .map(|(env, v)| format!("{env}: {}", v.map_or("(absent)", String::as_str)))
        .collect();
    CheckResult {
        check_id: aspect.meta.id.to_string(),
        resource: ResourceRef::new("drift", key),
        status: Status::Fail,
        message: format!("{key} differs — {}", shown.join("; ")),
        evidence: values
            .iter()
            .map(|(env, v)| {
                Evidence::new(
                    format!("{env}: {key}"),
                    v,
                    format!("the same in every environment (as {})", values[0].0),
                    "collected inventories",
                )
            })
            .collect(),
        waiver: None,
    }
}

fn allowed(profile: &Profile) -> globset::GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in profile.drift.allowed.iter().flatten() {
        if let Ok(glob) = Glob::new(pattern) {
            builder.add(glob);
        }
    }
    builder
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty())
}

/// Metadata shared by every aspect.
const fn meta(
    id: &'static str,
    title: &'static str,
    severity: Severity,
    doc: &'static [&'static str],
) -> Meta {
    Meta {
        id,
        title,
        severity,
        doc,
        references: &[Reference::Seed(
            "003",
            "Implement automated drift detection between environments",
        )],
        params: &["drift.allowed"],
    }
}
