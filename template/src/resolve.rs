//! Intrinsic functions, resolved where they are static: `Ref` and `Fn::GetAtt` between resources
//! become the values the resources stand for (see [`crate::physical`]); `Fn::Sub`, `Fn::Join`,
//! `Fn::Select`, `Fn::Split`, `Fn::If`, `Fn::FindInMap`, `Fn::Cidr`, `Fn::GetAZs`, conditions
//! … are computed from parameter values (given, else defaults) and pseudo parameters. What is
//! only known after deploy (`Fn::ImportValue`, a parameter with no value, an SSM-typed
//! parameter, a custom resource's attribute) becomes an *unknown*: a marker object carrying the
//! reason, which [`crate::props`] turns into the variant's value and records.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::physical::Handles;
use crate::variant::Variant;

/// The key of an unknown marker: `{"$unknown": "Fn::ImportValue SharedVpc"}`.
pub const UNKNOWN: &str = "$unknown";

pub fn unknown(reason: impl Into<String>) -> Value {
    Value::Object(Map::from_iter([(
        UNKNOWN.to_string(),
        Value::String(reason.into()),
    )]))
}

/// The key of an unknown's symbol: the text with each unknown part written as `{Name}`
/// (`logs-{AppName}-us-east-1`), the same wherever the same expression appears, so a resource
/// named by an unknown parameter is still found by the resources that refer to it.
pub const SYMBOL: &str = "$symbol";

/// An unknown that keeps its symbol.
pub fn unknown_symbol(reason: impl Into<String>, symbol: impl Into<String>) -> Value {
    Value::Object(Map::from_iter([
        (UNKNOWN.to_string(), Value::String(reason.into())),
        (SYMBOL.to_string(), Value::String(symbol.into())),
    ]))
}

/// The reason, when `value` is an unknown marker.
pub fn unknown_reason(value: &Value) -> Option<&str> {
    let map = value.as_object()?;
    let marker = map.len() == 1 || (map.len() == 2 && map.contains_key(SYMBOL));
    marker.then(|| map.get(UNKNOWN)?.as_str()).flatten()
}

/// The symbol of an unknown, when it has one.
pub fn unknown_symbol_of(value: &Value) -> Option<&str> {
    unknown_reason(value)?;
    value.get(SYMBOL)?.as_str()
}

/// The reason of the first unknown anywhere inside `value`.
pub fn first_unknown(value: &Value) -> Option<&str> {
    if let Some(reason) = unknown_reason(value) {
        return Some(reason);
    }
    match value {
        Value::Array(items) => items.iter().find_map(first_unknown),
        Value::Object(map) => map.values().find_map(first_unknown),
        _ => None,
    }
}

/// What pseudo parameters stand for when the user does not say.
#[derive(Debug, Clone)]
pub struct Pseudo {
    pub region: String,
    pub account: String,
    pub stack: String,
}

/// Resolves a template's values. Holds the parameter values and the resources' handles; notes
/// conditions it could not decide (each then taken as the variant says).
pub struct Resolver<'t> {
    parameters: BTreeMap<String, Value>,
    mappings: &'t Value,
    conditions: &'t Value,
    resources: &'t Value,
    handles: &'t Handles,
    pseudo: Pseudo,
    variant: Variant,
    deciding: RefCell<Vec<String>>,
    /// Values visited so far: a hostile template (attributes referring to themselves twice
    /// over) would otherwise take exponential time.
    steps: std::cell::Cell<usize>,
    /// Conditions decided by the variant, not the template, since the last [`Self::take_notes`].
    notes: RefCell<Vec<String>>,
}

/// How deep intrinsics may nest before the template is called hostile.
const MAX_DEPTH: usize = 64;

/// How many values one reading may visit (a 1,000-resource template visits about 100,000).
const MAX_STEPS: usize = 20_000_000;

impl<'t> Resolver<'t> {
    pub fn new(
        body: &'t Value,
        given: &BTreeMap<String, String>,
        handles: &'t Handles,
        pseudo: Pseudo,
        variant: Variant,
    ) -> Self {
        let parameters = (body["Parameters"].as_object().into_iter().flatten())
            .map(|(name, declaration)| (name.clone(), parameter_value(name, declaration, given)))
            .collect();
        Self {
            parameters,
            mappings: &body["Mappings"],
            resources: &body["Resources"],
            conditions: &body["Conditions"],
            handles,
            pseudo,
            variant,
            deciding: RefCell::new(Vec::new()),
            steps: std::cell::Cell::new(0),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Conditions the variant decided since the last call, in words.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut self.notes.borrow_mut())
    }

    /// A value with its intrinsics resolved; `None` for `AWS::NoValue`.
    pub fn resolve(&self, value: &Value) -> Option<Value> {
        self.at(value, 0)
    }

    fn at(&self, value: &Value, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return Some(unknown("intrinsic functions nested too deep"));
        }
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > MAX_STEPS {
            return Some(unknown("the template is too large to resolve"));
        }
        match value {
            Value::Array(items) => Some(Value::Array(
                items.iter().filter_map(|v| self.at(v, depth + 1)).collect(),
            )),
            Value::Object(map) if map.len() == 1 => {
                let (name, argument) = map.iter().next()?;
                if name == "Ref" || name.starts_with("Fn::") {
                    return self.function(name, argument, depth + 1);
                }
                let inner = self.at(argument, depth + 1)?;
                Some(Value::Object(Map::from_iter([(name.clone(), inner)])))
            }
            Value::Object(map) => Some(Value::Object(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), self.at(v, depth + 1)?)))
                    .collect(),
            )),
            other => Some(other.clone()),
        }
    }

    fn function(&self, name: &str, argument: &Value, depth: usize) -> Option<Value> {
        let value = match name {
            "Ref" => return self.reference(argument.as_str().unwrap_or_default()),
            "Fn::GetAtt" => self.get_att(&self.at(argument, depth)?, depth),
            "Fn::Sub" => self.sub(argument, depth),
            "Fn::Join" => self.join(&self.at(argument, depth)?),
            "Fn::Select" => select(&self.at(argument, depth)?),
            "Fn::Split" => split(&self.at(argument, depth)?),
            "Fn::If" => return self.choose(argument, depth),
            "Fn::FindInMap" => self.find_in_map(&self.at(argument, depth)?),
            "Fn::Base64" => self.at(argument, depth)?,
            "Fn::GetAZs" => self.azs(),
            "Fn::Cidr" => cidr(&self.at(argument, depth)?),
            "Fn::Length" => match self.at(argument, depth)? {
                Value::Array(items) => Value::from(items.len()),
                other => first_unknown(&other).map_or(Value::Null, unknown),
            },
            "Fn::ToJsonString" => {
                let value = self.at(argument, depth)?;
                match first_unknown(&value) {
                    Some(reason) => unknown(reason),
                    None => Value::String(value.to_string()),
                }
            }
            "Fn::ImportValue" => {
                let export = self.at(argument, depth)?;
                let export = export
                    .as_str()
                    .map_or_else(|| export.to_string(), str::to_string);
                unknown(format!("Fn::ImportValue {export}"))
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                let condition = Value::Object(Map::from_iter([(name.into(), argument.clone())]));
                match self.truth(&condition, depth) {
                    Some(b) => Value::Bool(b),
                    None => unknown(format!("{name} on values known only after deploy")),
                }
            }
            other => unknown(format!("{other} is not evaluated before deploy")),
        };
        Some(value)
    }

    fn reference(&self, name: &str) -> Option<Value> {
        let pseudo = |s: &str| Some(Value::String(s.to_string()));
        match name {
            "AWS::NoValue" => None,
            "AWS::Region" => pseudo(&self.pseudo.region),
            "AWS::AccountId" => pseudo(&self.pseudo.account),
            "AWS::StackName" => pseudo(&self.pseudo.stack),
            "AWS::StackId" => pseudo(&format!(
                "arn:{}:cloudformation:{}:{}:stack/{}/id",
                self.partition(),
                self.pseudo.region,
                self.pseudo.account,
                self.pseudo.stack
            )),
            "AWS::Partition" => pseudo(self.partition()),
            "AWS::URLSuffix" => pseudo(if self.pseudo.region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            }),
            "AWS::NotificationARNs" => Some(Value::Array(Vec::new())),
            _ => Some(if let Some(value) = self.parameters.get(name) {
                value.clone()
            } else if let Some(handle) = self.handles.get(name) {
                handle.reference.clone()
            } else {
                unknown(format!(
                    "Ref to {name}, which the template does not declare"
                ))
            }),
        }
    }

    pub fn partition(&self) -> &'static str {
        partition_of(&self.pseudo.region)
    }

    fn get_att(&self, argument: &Value, depth: usize) -> Value {
        let (resource, attribute) = match argument {
            Value::Array(parts) if parts.len() == 2 => (
                parts[0].as_str().unwrap_or(""),
                parts[1].as_str().unwrap_or(""),
            ),
            Value::String(path) => path.split_once('.').unwrap_or((path, "")),
            other => {
                return unknown(
                    first_unknown(other).unwrap_or("Fn::GetAtt with a malformed argument"),
                );
            }
        };
        // An attribute that mirrors a property (`Vpc.CidrBlock`) is the property's value.
        let property = &self.resources[resource]["Properties"][attribute];
        if !property.is_null() && !attribute.is_empty() {
            return self.at(property, depth + 1).unwrap_or(Value::Null);
        }
        match self.handles.get(resource) {
            Some(handle) => handle.attribute(resource, attribute),
            None => unknown(format!(
                "Fn::GetAtt {resource}.{attribute}: the template declares no {resource}"
            )),
        }
    }

    fn sub(&self, argument: &Value, depth: usize) -> Value {
        let (text, variables) = match argument {
            Value::String(text) => (text.as_str(), Map::new()),
            Value::Array(parts) if parts.len() == 2 => {
                let variables = match self.at(&parts[1], depth) {
                    Some(Value::Object(map)) => map,
                    _ => Map::new(),
                };
                (parts[0].as_str().unwrap_or(""), variables)
            }
            _ => return unknown("Fn::Sub with a malformed argument"),
        };
        let mut out = String::new();
        let mut first_unknown_reason: Option<String> = None;
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str(&format!("${{{literal}}}"));
                continue;
            }
            let value = match variables.get(name) {
                Some(value) => value.clone(),
                None if name.contains('.') && !name.starts_with("AWS::") => {
                    self.get_att(&Value::String(name.to_string()), depth)
                }
                None => match self.reference(name) {
                    Some(value) => value,
                    None => Value::String(String::new()),
                },
            };
            match scalar_text(&value) {
                Ok(text) => out.push_str(&text),
                Err(reason) => {
                    let symbol = unknown_symbol_of(&value)
                        .map_or_else(|| format!("{{{name}}}"), str::to_string);
                    out.push_str(&symbol);
                    first_unknown_reason.get_or_insert(reason);
                }
            }
        }
        out.push_str(rest);
        match first_unknown_reason {
            Some(reason) => unknown_symbol(reason, out),
            None => Value::String(out),
        }
    }

    fn join(&self, argument: &Value) -> Value {
        let (Some(delimiter), Some(items)) = (argument.get(0), argument.get(1)) else {
            return unknown(
                first_unknown(argument).unwrap_or("Fn::Join with a malformed argument"),
            );
        };
        let Value::Array(items) = items else {
            return unknown(first_unknown(items).unwrap_or("Fn::Join of a non-list"));
        };
        let mut parts = Vec::new();
        let mut first_unknown_reason: Option<String> = None;
        for item in items {
            match scalar_text(item) {
                Ok(text) => parts.push(text),
                Err(reason) => {
                    parts.push(unknown_symbol_of(item).unwrap_or("{?}").to_string());
                    first_unknown_reason.get_or_insert(reason);
                }
            }
        }
        let text = parts.join(delimiter.as_str().unwrap_or(""));
        match first_unknown_reason {
            Some(reason) => unknown_symbol(reason, text),
            None => Value::String(text),
        }
    }

    /// `Fn::If`: the branch the condition picks; a condition that cannot be decided before
    /// deploy is taken as the variant says, and noted.
    fn choose(&self, argument: &Value, depth: usize) -> Option<Value> {
        let [condition, then, otherwise] = argument.as_array()?.as_slice() else {
            return Some(unknown("Fn::If with a malformed argument"));
        };
        let name = condition.as_str().unwrap_or_default();
        let truth = self.condition(name).unwrap_or_else(|| {
            self.notes
                .borrow_mut()
                .push(format!("condition {name} (known only after deploy)"));
            self.variant.undecided_condition()
        });
        self.at(if truth { then } else { otherwise }, depth)
    }

    /// A named condition's truth; `None` when it rests on values known only after deploy.
    pub fn condition(&self, name: &str) -> Option<bool> {
        if self.deciding.borrow().iter().any(|n| n == name) {
            return None; // a cycle: CloudFormation refuses the template
        }
        let declaration = self.conditions.get(name)?;
        self.deciding.borrow_mut().push(name.to_string());
        let truth = self.truth(declaration, 0);
        self.deciding.borrow_mut().pop();
        truth
    }

    /// A resource's `Condition`: whether it is created (the variant decides when unknown).
    pub fn creates(&self, condition: Option<&str>) -> (bool, Option<String>) {
        match condition.map(|c| (c, self.condition(c))) {
            None => (true, None),
            Some((_, Some(truth))) => (truth, None),
            Some((name, None)) => (
                self.variant.undecided_condition(),
                Some(format!(
                    "created only if condition {name} holds, known only after deploy"
                )),
            ),
        }
    }

    fn truth(&self, condition: &Value, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        let map = condition.as_object()?;
        let (name, argument) = map.iter().next()?;
        let items = || argument.as_array().into_iter().flatten();
        match name.as_str() {
            "Condition" => self.condition(argument.as_str()?),
            "Fn::Equals" => {
                let [a, b] = argument.as_array()?.as_slice() else {
                    return None;
                };
                let (a, b) = (self.at(a, depth + 1)?, self.at(b, depth + 1)?);
                if first_unknown(&a).is_some() || first_unknown(&b).is_some() {
                    return None;
                }
                Some(loose_text(&a) == loose_text(&b))
            }
            "Fn::Not" => Some(!self.truth(argument.get(0)?, depth + 1)?),
            // And: one false decides; Or: one true decides; else every operand must be known.
            "Fn::And" | "Fn::Or" => {
                let deciding = name == "Fn::Or";
                let truths: Vec<Option<bool>> = items().map(|c| self.truth(c, depth + 1)).collect();
                if truths.contains(&Some(deciding)) {
                    Some(deciding)
                } else {
                    truths
                        .into_iter()
                        .collect::<Option<Vec<_>>>()
                        .map(|_| !deciding)
                }
            }
            _ => match self.at(condition, depth + 1)? {
                Value::Bool(b) => Some(b),
                Value::String(s) => s.parse().ok(),
                _ => None,
            },
        }
    }

    fn find_in_map(&self, argument: &Value) -> Value {
        let Some(parts) = argument.as_array().filter(|p| p.len() >= 3) else {
            return unknown("Fn::FindInMap with a malformed argument");
        };
        if let Some(reason) = parts[..3].iter().find_map(first_unknown) {
            return unknown(reason);
        }
        let key = |i: usize| loose_text(&parts[i]);
        let found = self.mappings[key(0)][key(1)][key(2)].clone();
        match (found, parts.get(3)) {
            (Value::Null, Some(default)) => default["DefaultValue"].clone(),
            (Value::Null, None) => unknown(format!(
                "Fn::FindInMap {}.{}.{}: no such entry",
                key(0),
                key(1),
                key(2)
            )),
            (found, _) => found,
        }
    }

    /// `Fn::GetAZs`: the region's zones, as `<region>a` … `<region>f` (the real list is the
    /// account's, known only after deploy; six is how many us-east-1 has).
    fn azs(&self) -> Value {
        let region = &self.pseudo.region;
        Value::from(
            ("abcdef".chars())
                .map(|z| format!("{region}{z}"))
                .collect::<Vec<_>>(),
        )
    }
}

pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// A parameter's value: given, else its default; lists split; unknown when neither, or when
/// CloudFormation reads it from SSM at deploy.
fn parameter_value(name: &str, declaration: &Value, given: &BTreeMap<String, String>) -> Value {
    let kind = declaration["Type"].as_str().unwrap_or("String");
    let text = match (given.get(name), &declaration["Default"]) {
        (Some(value), _) => value.clone(),
        (None, _) if kind.starts_with("AWS::SSM::Parameter::Value") => {
            return unknown_symbol(
                format!("parameter {name} (read from SSM at deploy)"),
                format!("{{{name}}}"),
            );
        }
        (None, Value::Null) => {
            return unknown_symbol(
                format!("parameter {name} (no default; give --parameter {name}=…)"),
                format!("{{{name}}}"),
            );
        }
        (None, default) => loose_text(default),
    };
    if kind == "CommaDelimitedList" || kind.starts_with("List<") {
        Value::from(text.split(',').map(str::trim).collect::<Vec<_>>())
    } else {
        Value::String(text)
    }
}

/// A scalar as text (`Fn::Sub`, `Fn::Join`); an unknown's reason, or a list, is an error.
pub(crate) fn scalar_text(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(first_unknown(other)
            .unwrap_or("a list or mapping where text is expected")
            .to_string()),
    }
}

/// Text of a scalar without JSON quotes, for comparisons and map keys.
pub(crate) fn loose_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn select(argument: &Value) -> Value {
    let (Some(index), Some(items)) = (argument.get(0), argument.get(1)) else {
        return unknown("Fn::Select with a malformed argument");
    };
    if let Some(reason) = first_unknown(index).or_else(|| unknown_reason(items)) {
        return unknown(reason);
    }
    let index = index
        .as_u64()
        .or_else(|| index.as_str().and_then(|s| s.parse().ok()));
    match (index, items.as_array()) {
        (Some(i), Some(items)) => items
            .get(i as usize)
            .cloned()
            .unwrap_or_else(|| unknown(format!("Fn::Select index {i} past the list's end"))),
        _ => unknown("Fn::Select with a malformed argument"),
    }
}

fn split(argument: &Value) -> Value {
    let (Some(delimiter), Some(text)) = (argument.get(0), argument.get(1)) else {
        return unknown("Fn::Split with a malformed argument");
    };
    match (delimiter.as_str(), text.as_str()) {
        (Some(d), Some(t)) if !d.is_empty() => Value::from(t.split(d).collect::<Vec<_>>()),
        _ => unknown(first_unknown(text).unwrap_or("Fn::Split with a malformed argument")),
    }
}

/// `Fn::Cidr [block, count, bits]`: the first `count` blocks of `32 - bits` prefix length.
fn cidr(argument: &Value) -> Value {
    if let Some(reason) = first_unknown(argument) {
        return unknown(reason);
    }
    let number = |v: &Value| v.as_u64().or_else(|| v.as_str()?.parse().ok());
    let block = argument.get(0).and_then(Value::as_str);
    let count = argument.get(1).and_then(number);
    let bits = argument.get(2).and_then(number);
    let (Some(block), Some(count), Some(bits)) = (block, count, bits) else {
        return unknown("Fn::Cidr with a malformed argument");
    };
    let Ok(network) = block.parse::<ipnet::IpNet>() else {
        return unknown(format!("Fn::Cidr of {block}, not a CIDR block"));
    };
    let length = match network {
        ipnet::IpNet::V4(_) => 32u64.checked_sub(bits),
        ipnet::IpNet::V6(_) => 128u64.checked_sub(bits),
    };
    let subnets = length
        .and_then(|l| u8::try_from(l).ok())
        .and_then(|l| network.subnets(l).ok());
    match subnets {
        Some(subnets) => Value::from(
            subnets
                .take(count.min(256) as usize)
                .map(|n| n.to_string())
                .collect::<Vec<_>>(),
        ),
        None => unknown(format!("Fn::Cidr of {block} into /{bits} bits: impossible")),
    }
}
