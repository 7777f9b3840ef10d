//! Template mode: the checks judge a CloudFormation template (or a CDK `cdk.out`) before deploy.
//!
//! The pipeline: [`source`] reads the file (JSON, or YAML with the short-form tags, see
//! [`yaml`]); [`build`] resolves the intrinsics ([`resolve`], with [`physical`] standing in for
//! what `Ref`/`Fn::GetAtt` return) and reads each resource of a covered type ([`kinds`]) into
//! the same `Inventory` the collector builds after deploy; [`judge`] evaluates two readings of
//! the unknowns ([`variant`]) and [`merge`]s them, so a verdict that rests on a value known
//! only after deploy is `skip`, never `pass`.

pub mod build;
mod foreach;
pub mod kinds;
mod managed_policies;
pub mod merge;
mod outputs;
pub mod physical;
pub mod props;
pub mod resolve;
pub mod source;
pub mod variant;
pub mod yaml;

use std::collections::BTreeMap;

use stackproof_checks::engine::Evaluation;
use stackproof_checks::inventory::{INVENTORY_SCHEMA_VERSION, Inventory};

pub use build::{Options, Reading};
pub use source::{Template, TemplateError, read};
pub use variant::Variant;

/// A template judged: the verdicts, the inventory as the open reading has it, and what could
/// not be read.
pub struct Judged {
    pub inventory: Inventory,
    pub evaluation: Evaluation,
    /// Logical id → unknown values its verdicts may rest on.
    pub unknowns: BTreeMap<String, Vec<String>>,
    /// Resource type no check covers → its logical ids.
    pub uncovered: BTreeMap<String, Vec<String>>,
}

/// The template's two readings (open, closed; see [`variant`]), each with its run facts.
pub fn readings(template: &Template, options: &Options) -> [Reading; 2] {
    Variant::BOTH.map(|variant| {
        let mut reading = build::read(template, options, variant);
        describe(&mut reading, template, options);
        reading
    })
}

/// Removes what AWS creates unasked (a VPC's main route table and default security group):
/// template ↔ deployed drift compares only what the template declares.
pub fn declared_only(reading: &mut Reading) {
    let implicit = |kind: &str, id: &str| {
        let reference = stackproof_checks::inventory::ResourceRef::new(kind, id);
        reading
            .origins
            .get(&reference)
            .is_some_and(|logical| physical::is_implicit(logical))
    };
    let inventory = &mut reading.inventory;
    let groups = std::mem::take(&mut inventory.security_groups);
    inventory.security_groups = groups
        .into_iter()
        .filter(|g| !implicit("security-group", &g.id))
        .collect();
    let tables = std::mem::take(&mut inventory.route_tables);
    inventory.route_tables = tables
        .into_iter()
        .filter(|t| !implicit("route-table", &t.id))
        .collect();
}

/// Template ↔ deployed: what the template declares, in both readings (without what AWS
/// creates unasked), compared with the deployed stack's inventory through the environment
/// drift's shapes (`DRIFT-…` results).
pub fn drift(
    template: &Template,
    options: &Options,
    deployed: &Inventory,
    profile: &stackproof_checks::profile::Profile,
) -> Vec<stackproof_checks::result::CheckResult> {
    let [mut open, mut closed] = readings(template, options);
    declared_only(&mut open);
    declared_only(&mut closed);
    stackproof_checks::drift::compare_declared(
        [&open.inventory, &closed.inventory],
        deployed,
        profile,
    )
}

/// Reads `template` twice (see [`variant`]), evaluates each reading with `evaluate`, and
/// merges the verdicts.
pub fn judge(
    template: &Template,
    options: &Options,
    evaluate: impl Fn(&mut Inventory) -> Evaluation,
) -> Judged {
    let [open, closed] = readings(template, options).map(|mut reading| {
        let evaluation = evaluate(&mut reading.inventory);
        (reading, evaluation)
    });
    let inventory = open.0.inventory.clone();
    let unknowns = open.0.unknowns.clone();
    let uncovered = open.0.uncovered.clone();
    Judged {
        evaluation: merge::merge(open, closed),
        inventory,
        unknowns,
        uncovered,
    }
}

/// The run's facts for the reports: the template is the file SARIF points at, each logical id
/// at its line; every resource is the stack's own.
fn describe(reading: &mut Reading, template: &Template, options: &Options) {
    let meta = &mut reading.inventory.meta;
    meta.target = "template".into();
    meta.outputs_file = Some(template.file.display().to_string());
    meta.output_lines = template.resource_lines.clone();
    let pseudo = build::pseudo_of(template, options);
    meta.stack = Some(pseudo.stack);
    meta.region = Some(pseudo.region);
    meta.account = Some(pseudo.account);
    meta.environment_suffix = options
        .parameters
        .get("EnvironmentSuffix")
        .cloned()
        .or_else(|| {
            template.body["Parameters"]["EnvironmentSuffix"]["Default"]
                .as_str()
                .map(str::to_string)
        });
    let mut named = std::collections::BTreeSet::new();
    reading.inventory.visit(|reference, _| {
        named.insert(reference.id);
    });
    reading.inventory.meta.named_by_outputs = named;
    reading.inventory.schema_version = INVENTORY_SCHEMA_VERSION;
}
