//! One reading of one template into an inventory: names first (a resource's name can be a
//! `Fn::Sub` of parameters), then every resource of a covered type, then the resources that
//! attach to others (rules, routes, policies, aliases …), then the links AWS would report
//! (a load balancer's VPC from its subnets …), then what AWS creates with a VPC unasked.

use std::collections::BTreeMap;

use serde_json::Value;
use stackproof_checks::inventory::{
    Inventory, Resource, ResourceRef, TemplateResource, TemplateResourceState,
};

use crate::kinds;
use crate::physical::{self, Handles, name_property};
use crate::props::{Props, Unknowns};
use crate::resolve::{Pseudo, Resolver, loose_text};
use crate::source::Template;
use crate::variant::Variant;

/// What the user says about the deploy-time values.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--parameter KEY=VALUE`: parameter values (over the template's defaults).
    pub parameters: BTreeMap<String, String>,
    /// `AWS::Region`; default `us-east-1`.
    pub region: Option<String>,
    /// `AWS::AccountId`; default `123456789012`.
    pub account: Option<String>,
    /// `AWS::StackName`; default the template's stack name.
    pub stack_name: Option<String>,
}

/// One reading of a template.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub inventory: Inventory,
    /// Each inventory resource → the logical id that declares it.
    pub origins: BTreeMap<ResourceRef, String>,
    /// Logical id → the unknown values read for it (`CidrIp: Fn::ImportValue Net`).
    pub unknowns: BTreeMap<String, Vec<String>>,
    /// Resource type the checks do not cover → its logical ids.
    pub uncovered: BTreeMap<String, Vec<String>>,
    /// Inventory resource → the logical ids of the resources attached to it.
    pub parts: BTreeMap<ResourceRef, Vec<String>>,
}

/// A resource being read: its logical id, type, properties and what it stands for.
pub struct Res<'a> {
    pub logical: &'a str,
    pub kind: &'a str,
    pub props: Props<'a>,
    /// Its name (the name property, else the one AWS would generate).
    pub name: String,
    /// What `Ref` returns, as text.
    pub id: String,
    pub arn: String,
    /// What its `Fn::GetAtt`s return: attributes the inventory keeps (a repository's URI, a
    /// load balancer's DNS name) are taken from here, so they match what references say.
    pub handle: &'a physical::Handle,
}

/// The inventory being built and where each resource came from.
#[derive(Default)]
pub struct Builder {
    pub inventory: Inventory,
    pub origins: BTreeMap<ResourceRef, String>,
    /// DB subnet group name → its subnets.
    pub subnet_groups: BTreeMap<String, Vec<String>>,
    /// Resources that attach to an inventory resource (rules, routes, policies …): their
    /// logical ids, by the resource they change.
    pub parts: BTreeMap<ResourceRef, Vec<String>>,
}

impl Res<'_> {
    /// `Fn::GetAtt <this>.<attribute>` as text.
    pub fn attribute(&self, attribute: &str) -> String {
        loose_text(&self.handle.attribute(self.logical, attribute))
    }
}

impl Builder {
    /// Adds a resource to its inventory list, recording where it came from.
    pub fn push<R: Resource>(
        &mut self,
        r: &Res,
        list: impl FnOnce(&mut Inventory) -> &mut Vec<R>,
        resource: R,
    ) {
        self.origin(R::KIND, resource.id(), r.logical);
        list(&mut self.inventory).push(resource);
    }

    /// Records that `logical` (a rule, route, policy …) is part of the inventory resource
    /// (`kind`, `id`).
    pub fn part(&mut self, kind: &str, id: &str, logical: &str) {
        let parts = self.parts.entry(ResourceRef::new(kind, id)).or_default();
        parts.push(logical.to_string());
    }

    /// Records that the inventory resource (`kind`, `id`) comes from `logical`.
    pub fn origin(&mut self, kind: &str, id: &str, logical: &str) {
        self.origins
            .insert(ResourceRef::new(kind, id), logical.to_string());
    }
}

pub fn read(template: &Template, options: &Options, variant: Variant) -> Reading {
    let pseudo = pseudo_of(template, options);
    let empty = serde_json::Map::new();
    let declared = template.body["Resources"].as_object().unwrap_or(&empty);
    let (expanded, loops) =
        crate::foreach::expand(declared, &template.body["Parameters"], &options.parameters);
    let mut body = template.body.clone();
    body["Resources"] = Value::Object(expanded);
    let body = &body;
    let resources = body["Resources"].as_object().unwrap_or(&empty);
    let names = names(body, options, &pseudo, resources, variant);
    let handles = physical::handles(resources, &names, &pseudo);
    let resolver = Resolver::new(body, &options.parameters, &handles, pseudo.clone(), variant);

    let mut builder = Builder::default();
    let mut reading = Reading::default();
    let mut ledger = BTreeMap::new();
    for (key, why) in loops {
        // `Fn::ForEach::Name` or `Fn::Transform`: its resources are known only after deploy.
        let function = key.splitn(3, "::").take(2).collect::<Vec<_>>().join("::");
        ledger.insert(
            key.clone(),
            entry(
                &function,
                TemplateResourceState::NotCreated,
                why.to_string(),
            ),
        );
        let listed = format!("{key} ({why})");
        reading.uncovered.entry(function).or_default().push(listed);
    }
    let mut attachments = Vec::new();
    let mut read_resources = Vec::new();
    for (logical, resource) in resources {
        let kind = resource["Type"].as_str().unwrap_or_default();
        if !kinds::covers(kind) {
            // A type that is not text (a Rain module's tag) is named as written.
            let label = resource["Type"]
                .as_str()
                .map_or_else(|| resource["Type"].to_string(), str::to_string);
            ledger.insert(
                logical.clone(),
                entry(&label, TemplateResourceState::NotCovered, String::new()),
            );
            reading
                .uncovered
                .entry(label)
                .or_default()
                .push(logical.clone());
            continue;
        }
        let (created, note) = resolver.creates(resource["Condition"].as_str());
        let mut notes: Vec<String> = note.into_iter().collect();
        if !created {
            let condition = resource["Condition"].as_str().unwrap_or_default();
            let detail = match &notes[..] {
                [] => format!("condition {condition} is false"),
                _ => format!("condition {condition} is known only after deploy"),
            };
            ledger.insert(
                logical.clone(),
                entry(kind, TemplateResourceState::NotCreated, detail),
            );
            if !notes.is_empty() {
                reading.unknowns.insert(logical.clone(), notes);
            }
            continue;
        }
        let properties = resolver
            .resolve(&resource["Properties"])
            .filter(Value::is_object)
            .unwrap_or_else(|| Value::Object(Default::default()));
        notes.extend(resolver.take_notes());
        read_resources.push((logical, kind, properties, notes));
    }
    let unknowns: Vec<Unknowns> = read_resources
        .iter()
        .map(|(.., notes)| Unknowns::new(notes.clone()))
        .collect();
    for ((logical, kind, properties, _), unknown) in read_resources.iter().zip(&unknowns) {
        let handle = &handles[logical.as_str()];
        let res = Res {
            logical,
            kind,
            props: Props::new(properties, unknown, variant),
            name: names
                .get(logical.as_str())
                .cloned()
                .unwrap_or_else(|| physical::generated_name(kind, logical, &pseudo)),
            id: loose_text(&handle.reference),
            arn: loose_text(&handle.attribute(logical, "arn")),
            handle,
        };
        if kinds::attaches(kind) {
            attachments.push(res);
        } else {
            kinds::primary(&mut builder, &res);
        }
    }
    // What AWS creates with a resource exists before anything attaches to it (a rule added to
    // a VPC's default group).
    kinds::implicit(&mut builder);
    for res in &attachments {
        kinds::attach(&mut builder, res);
    }
    kinds::link(&mut builder);
    for ((logical, ..), unknown) in read_resources.iter().zip(unknowns) {
        let unknown = unknown.into_inner();
        if !unknown.is_empty() {
            reading.unknowns.insert(logical.to_string(), unknown);
        }
    }
    let became: BTreeMap<&str, &ResourceRef> = (builder.origins.iter())
        .map(|(r, logical)| (logical.as_str(), r))
        .collect();
    let changes: BTreeMap<&str, &ResourceRef> = (builder.parts.iter())
        .flat_map(|(r, parts)| parts.iter().map(move |p| (p.as_str(), r)))
        .collect();
    for (logical, kind, ..) in &read_resources {
        let read = judged(
            became.get(logical.as_str()),
            changes.get(logical.as_str()),
            kind,
        );
        ledger.insert(logical.to_string(), read);
    }
    reading.inventory = builder.inventory;
    reading.inventory.meta.outputs = crate::outputs::kinds(body, &resolver);
    reading.inventory.meta.template_resources = ledger;
    reading.origins = builder.origins;
    reading.parts = builder.parts;
    reading
}

fn entry(kind: &str, state: TemplateResourceState, detail: String) -> TemplateResource {
    TemplateResource {
        resource_type: kind.to_string(),
        state,
        detail,
    }
}

/// How a created resource of a covered type was read: the inventory resource it became, the
/// one it changes, or (for a change to a resource the template does not declare) unattached.
fn judged(
    became: Option<&&ResourceRef>,
    changes: Option<&&ResourceRef>,
    kind: &str,
) -> TemplateResource {
    if let Some(reference) = became {
        return entry(kind, TemplateResourceState::Judged, reference.to_string());
    }
    if let Some(reference) = changes {
        return entry(
            kind,
            TemplateResourceState::Judged,
            format!("part of {reference}"),
        );
    }
    if kind == "AWS::RDS::DBSubnetGroup" {
        return entry(
            kind,
            TemplateResourceState::Judged,
            "the subnets of the clusters that name it".into(),
        );
    }
    entry(
        kind,
        TemplateResourceState::Unattached,
        "it changes a resource the template does not declare, which no check can see".into(),
    )
}

/// What the pseudo parameters stand for: the options, else `us-east-1`, `123456789012` and the
/// template's stack name.
pub(crate) fn pseudo_of(template: &Template, options: &Options) -> Pseudo {
    Pseudo {
        region: options.region.clone().unwrap_or_else(|| "us-east-1".into()),
        account: options
            .account
            .clone()
            .unwrap_or_else(|| "123456789012".into()),
        stack: (options.stack_name.clone()).unwrap_or_else(|| template.stack.clone()),
    }
}

/// Each resource's name where its name property resolves to text (a first pass, with every
/// other resource named as AWS would generate it).
fn names(
    body: &Value,
    options: &Options,
    pseudo: &Pseudo,
    resources: &serde_json::Map<String, Value>,
    variant: Variant,
) -> BTreeMap<String, String> {
    let generated: Handles = physical::handles(resources, &BTreeMap::new(), pseudo);
    let resolver = Resolver::new(
        body,
        &options.parameters,
        &generated,
        pseudo.clone(),
        variant,
    );
    resources
        .iter()
        .filter_map(|(logical, resource)| {
            let kind = resource["Type"].as_str()?;
            let raw = &resource["Properties"][name_property(kind)?];
            let name = resolver.resolve(raw)?;
            let name = match &name {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                other => crate::resolve::unknown_symbol_of(other)?.to_string(),
            };
            Some((logical.clone(), name))
        })
        .collect()
}
