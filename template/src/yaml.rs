//! CloudFormation YAML into the JSON form: the short-form tags (`!Ref x`, `!GetAtt a.b`,
//! `!Sub …`) become their long forms (`{"Ref": "x"}`, `{"Fn::GetAtt": ["a", "b"]}`), so the rest
//! of template mode reads one shape. Built on yaml-rust2's event parser, which keeps the tags
//! and the line of every node (its loader drops both).

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use yaml_rust2::parser::{MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::{Event, Yaml};

/// A parsed YAML template and the line of each key directly under `Resources`.
pub struct Parsed {
    pub value: Value,
    pub resource_lines: BTreeMap<String, usize>,
    /// What was read leniently: a key given twice in one mapping (the last one holds, as in
    /// most YAML loaders).
    pub warnings: Vec<String>,
}

/// How deep mappings and sequences may nest: far beyond any template, short of what would
/// exhaust the stack when the value is walked or dropped.
const MAX_NESTING: usize = 200;

/// Parses YAML text; the error carries the line and column.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| e.to_string())?;
    if let Some(problem) = builder.problem {
        return Err(problem);
    }
    Ok(Parsed {
        value: builder.done.unwrap_or(Value::Null),
        resource_lines: builder.resource_lines,
        warnings: builder.warnings,
    })
}

/// A node being built: a sequence, or a mapping with the key waiting for its value.
enum Open {
    Sequence(Vec<Value>, Option<Tag>, usize),
    Mapping(Map<String, Value>, Option<String>, Option<Tag>, usize),
}

#[derive(Default)]
struct Builder {
    open: Vec<Open>,
    anchors: BTreeMap<usize, Value>,
    done: Option<Value>,
    resource_lines: BTreeMap<String, usize>,
    warnings: Vec<String>,
    problem: Option<String>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.problem.is_some() {
            return;
        }
        if self.open.len() > MAX_NESTING {
            self.problem = Some(format!(
                "line {}: nested more than {MAX_NESTING} deep",
                mark.line()
            ));
            return;
        }
        match event {
            Event::SequenceStart(anchor, tag) => {
                self.open.push(Open::Sequence(Vec::new(), tag, anchor))
            }
            Event::MappingStart(anchor, tag) => {
                self.open.push(Open::Mapping(Map::new(), None, tag, anchor))
            }
            Event::SequenceEnd => {
                if let Some(Open::Sequence(items, tag, anchor)) = self.open.pop() {
                    self.insert(tagged(tag, Value::Array(items)), anchor, mark);
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Mapping(map, _, tag, anchor)) = self.open.pop() {
                    self.insert(tagged(tag, Value::Object(map)), anchor, mark);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(text, style, tag.as_ref());
                self.insert(tagged(tag, value), anchor, mark);
            }
            Event::Alias(anchor) => {
                let value = self.anchors.get(&anchor).cloned().unwrap_or(Value::Null);
                self.insert(value, 0, mark);
            }
            _ => {}
        }
    }
}

impl Builder {
    fn insert(&mut self, value: Value, anchor: usize, mark: Marker) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let under_resources = self.under_resources();
        match self.open.last_mut() {
            None => self.done = Some(value),
            Some(Open::Sequence(items, ..)) => items.push(value),
            Some(Open::Mapping(map, key, ..)) => match key.take() {
                None => {
                    let name = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    if under_resources {
                        self.resource_lines.insert(name.clone(), mark.line());
                    }
                    *key = Some(name);
                }
                Some(name) => {
                    if map.insert(name.clone(), value).is_some() {
                        self.warnings.push(format!(
                            "line {}: key `{name}` given twice in one mapping; the last one holds",
                            mark.line()
                        ));
                    }
                }
            },
        }
    }

    /// Whether the next key read is a logical id: the open mapping is the top level's
    /// `Resources`.
    fn under_resources(&self) -> bool {
        matches!(
            &self.open[..],
            [Open::Mapping(_, Some(top), ..), Open::Mapping(_, None, ..)] if top == "Resources"
        )
    }
}

/// A scalar as YAML's core schema reads it; quoted scalars and `!!str` stay strings.
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    let core = tag.filter(|t| t.handle == "tag:yaml.org,2002:");
    if style != TScalarStyle::Plain || core.is_some_and(|t| t.suffix == "str") {
        return Value::String(text);
    }
    if tag.is_some() && core.is_none() {
        // `!Ref Name`: the argument is text, whatever it looks like.
        return Value::String(text);
    }
    match Yaml::from_str(&text) {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::from(i),
        Yaml::Real(r) => (r.parse::<f64>().ok())
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(text), Value::Number),
        _ => Value::String(text),
    }
}

/// A value under a CloudFormation short-form tag, in its long form.
fn tagged(tag: Option<Tag>, value: Value) -> Value {
    let Some(tag) = tag.filter(|t| t.handle == "!") else {
        return value;
    };
    let name = tag.suffix.as_str();
    let long = match name {
        "Ref" | "Condition" => name.to_string(),
        _ => format!("Fn::{name}"),
    };
    let value = match (name, value) {
        // `!GetAtt Resource.Attribute` is the string form of `[Resource, Attribute]`.
        ("GetAtt", Value::String(path)) => match path.split_once('.') {
            Some((resource, attribute)) => Value::from(vec![resource, attribute]),
            None => Value::String(path),
        },
        (_, value) => value,
    };
    Value::Object(Map::from_iter([(long, value)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_become_long_forms_and_resources_keep_their_lines() {
        let text = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      AvailabilityZone: !Select [0, !GetAZs '']
      Tags:
        - Key: Name
          Value: !Sub '${AWS::StackName}-a'
      Count: 3
      Quoted: '3'
";
        let parsed = parse(text).unwrap();
        let subnet = &parsed.value["Resources"]["Subnet"]["Properties"];
        assert_eq!(
            parsed.value["Resources"]["Vpc"]["Properties"]["CidrBlock"],
            serde_json::json!({"Ref": "Cidr"})
        );
        assert_eq!(
            subnet["VpcId"],
            serde_json::json!({"Fn::GetAtt": ["Vpc", "VpcId"]})
        );
        assert_eq!(
            subnet["AvailabilityZone"],
            serde_json::json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]})
        );
        assert_eq!(
            subnet["Tags"][0]["Value"],
            serde_json::json!({"Fn::Sub": "${AWS::StackName}-a"})
        );
        assert_eq!(subnet["Count"], serde_json::json!(3));
        assert_eq!(subnet["Quoted"], serde_json::json!("3"));
        assert_eq!(parsed.resource_lines["Vpc"], 3);
        assert_eq!(parsed.resource_lines["Subnet"], 7);
    }

    #[test]
    fn anchors_and_aliases_are_copied_and_duplicates_are_named() {
        let parsed = parse("a: &x {k: 1}\nb: *x\n").unwrap();
        assert_eq!(parsed.value["b"], serde_json::json!({"k": 1}));
        let twice = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(twice.value["a"], 2);
        assert!(
            twice.warnings[0].contains("key `a` given twice"),
            "{:?}",
            twice.warnings
        );
        let error = parse("a: [1, 2\n").err().unwrap();
        assert!(error.contains("line"), "{error}");
    }

    #[test]
    fn nesting_beyond_any_template_is_refused_not_overflowed() {
        // Flow style: the scanner's own limit; block style: ours.
        let flow = format!("a: {}1{}\n", "[".repeat(5000), "]".repeat(5000));
        let error = parse(&flow).err().unwrap();
        assert!(error.contains("recursion limit"), "{error}");
        let block: String = (0..300)
            .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
            .collect();
        let error = parse(&format!("{block}{}v: 1\n", " ".repeat(300)))
            .err()
            .unwrap();
        assert!(error.contains("nested more than"), "{error}");
    }
}
