//! Typed reading of a resource's resolved properties. CloudFormation is loose about scalars
//! (`"30"` for 30, `"true"` for true) and so is this. An unknown (see [`crate::resolve`]) reads
//! as the variant's value of the asked type and is recorded with its property path, so a
//! verdict that depends on it can be told apart (see [`crate::variant`]).

use std::cell::RefCell;

use serde_json::Value;
use stackproof_checks::inventory::Tags;

use crate::resolve::{UNKNOWN, unknown_reason};
use crate::variant::Variant;

/// Unknown values met while reading one resource: `Properties.X.Y: reason`.
pub type Unknowns = RefCell<Vec<String>>;

#[derive(Clone, Copy)]
pub struct Props<'a> {
    value: &'a Value,
    unknowns: &'a Unknowns,
    variant: Variant,
}

static NULL: Value = Value::Null;

impl<'a> Props<'a> {
    pub fn new(value: &'a Value, unknowns: &'a Unknowns, variant: Variant) -> Self {
        Self {
            value,
            unknowns,
            variant,
        }
    }

    /// The reading these properties belong to.
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// The raw value at `key` (unknown markers included). Every key of an unknown mapping is
    /// unknown.
    pub fn raw(&self, key: &str) -> &'a Value {
        if unknown_reason(self.value).is_some() {
            return self.value;
        }
        self.value.get(key).unwrap_or(&NULL)
    }

    /// The keys of this mapping.
    pub fn keys(&self) -> Vec<String> {
        (self.value.as_object().into_iter().flatten())
            .map(|(k, _)| k.clone())
            .collect()
    }

    pub fn has(&self, key: &str) -> bool {
        !self.raw(key).is_null()
    }

    pub fn note(&self, key: &str, reason: &str) {
        self.unknowns.borrow_mut().push(format!("{key}: {reason}"));
    }

    /// A scalar as text; unknown → the variant's text (`*`, or absent).
    pub fn text(&self, key: &str) -> Option<String> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return self.variant.text().map(str::to_string);
        }
        scalar(value)
    }

    /// A reference to another resource (a name or id): an unknown reads as its symbol when it
    /// has one (`logs-{AppName}`), so it still finds the resource named by the same expression.
    pub fn reference(&self, key: &str) -> Option<String> {
        let value = self.raw(key);
        match crate::resolve::unknown_symbol_of(value) {
            Some(symbol) => {
                self.note(key, unknown_reason(value).unwrap_or_default());
                Some(symbol.to_string())
            }
            None => self.text(key),
        }
    }

    /// A CIDR block; unknown → `0.0.0.0/0` or a documentation block.
    pub fn cidr(&self, key: &str) -> Option<String> {
        self.text_or(key, self.variant.cidr())
    }

    fn text_or(&self, key: &str, instead: &str) -> Option<String> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return Some(instead.to_string());
        }
        scalar(value)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return Some(self.variant.number());
        }
        match value {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn i32(&self, key: &str) -> Option<i32> {
        self.int(key)
            .map(|n| n.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
    }

    pub fn float(&self, key: &str) -> Option<f64> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return Some(self.variant.number() as f64);
        }
        match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return Some(self.variant.flag());
        }
        match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.trim().to_ascii_lowercase().parse().ok(),
            _ => None,
        }
    }

    /// A list of scalars as text (a single scalar is a list of one); unknowns as the variant's
    /// text.
    pub fn texts(&self, key: &str) -> Vec<String> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return self
                .variant
                .text()
                .map(str::to_string)
                .into_iter()
                .collect();
        }
        match value {
            Value::Array(items) => items
                .iter()
                .filter_map(|item| match unknown_reason(item) {
                    Some(reason) => {
                        self.note(key, reason);
                        self.variant.text().map(str::to_string)
                    }
                    None => scalar(item),
                })
                .collect(),
            other => scalar(other).into_iter().collect(),
        }
    }

    /// The mapping at `key`. An unknown mapping is one whose every key is unknown (so each
    /// reading fills it its own way), never an absent one that would read as AWS's defaults.
    pub fn child(&self, key: &str) -> Option<Props<'a>> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return Some(Props { value, ..*self });
        }
        value.is_object().then_some(Props { value, ..*self })
    }

    /// The mappings listed at `key`. An unknown list, or an unknown item, is one item whose every
    /// key is unknown: a rule list from `Fn::ImportValue` is not an empty list.
    pub fn children(&self, key: &str) -> Vec<Props<'a>> {
        let value = self.raw(key);
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            return vec![Props { value, ..*self }];
        }
        (value.as_array().into_iter().flatten())
            .filter(|item| {
                if let Some(reason) = unknown_reason(item) {
                    self.note(key, reason);
                }
                item.is_object()
            })
            .map(|value| Props { value, ..*self })
            .collect()
    }

    /// A JSON document (a mapping, or text holding one: dashboards, lifecycle policies), every
    /// unknown inside replaced by the variant's text.
    pub fn document(&self, key: &str) -> Option<Value> {
        let value = self.raw(key);
        let mut document = match value {
            Value::String(text) => serde_json::from_str(text).ok()?,
            Value::Null => return None,
            other => other.clone(),
        };
        self.settle(key, &mut document);
        Some(document)
    }

    fn settle(&self, key: &str, value: &mut Value) {
        if let Some(reason) = unknown_reason(value) {
            self.note(key, reason);
            *value = Value::String(
                self.variant
                    .text()
                    .unwrap_or("unknown-before-deploy")
                    .into(),
            );
            return;
        }
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.settle(key, v)),
            Value::Object(map) if !map.contains_key(UNKNOWN) => {
                map.values_mut().for_each(|v| self.settle(key, v))
            }
            _ => {}
        }
    }

    /// `Tags`: a list of `{Key, Value}` or a mapping (SSM, some newer types).
    pub fn tags(&self) -> Tags {
        let value = self.raw("Tags");
        if let Some(map) = value
            .as_object()
            .filter(|_| unknown_reason(value).is_none())
        {
            let tags = Props { value, ..*self };
            return (map.keys())
                .filter_map(|k| Some((k.clone(), tags.text(k)?)))
                .collect();
        }
        (self.children("Tags").into_iter())
            .filter_map(|tag| Some((tag.text("Key")?, tag.text("Value").unwrap_or_default())))
            .collect()
    }
}

/// A scalar as text without JSON quotes; lists and mappings are not scalars.
fn scalar(value: &Value) -> Option<String> {
    crate::resolve::scalar_text(value).ok()
}
