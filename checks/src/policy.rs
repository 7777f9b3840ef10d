//! IAM policy documents: parsing every form AWS accepts, and wildcard matching of actions.
//!
//! `Statement` may be one object or a list; `Action`, `Resource` and their `Not` forms may be a
//! string or a list; `Principal` may be `"*"` or a map of kinds to a string or a list. Documents
//! that arrive as URL-encoded strings (as IAM returns them) are decoded first.

use crate::words::W;
use serde_json::Value;

/// One statement, normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub allow: bool,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub not_resources: Vec<String>,
    /// (`Service`, `ecs-tasks.amazonaws.com`), (`AWS`, `*`) …; `("*", "*")` for `Principal: "*"`.
    pub principals: Vec<(String, String)>,
    pub has_condition: bool,
}

/// The statements of a policy document; anything unreadable yields none (and `parse_error` says why).
pub fn statements(document: &Value) -> Vec<Statement> {
    let document = decode(document);
    match document.get("Statement") {
        Some(Value::Array(items)) => items.iter().map(statement).collect(),
        Some(item @ Value::Object(_)) => vec![statement(item)],
        _ => Vec::new(),
    }
}

/// Why a document cannot be read as a policy, if it cannot.
pub fn parse_error(document: &Value) -> Option<String> {
    let document = decode(document);
    match document.get("Statement") {
        Some(Value::Array(_) | Value::Object(_)) => None,
        Some(_) => Some("`Statement` is neither an object nor a list".to_string()),
        None => Some("the document has no `Statement`".to_string()),
    }
}

fn decode(document: &Value) -> Value {
    match document {
        Value::String(text) => {
            let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
            serde_json::from_str(&decoded)
                .or_else(|_| serde_json::from_str(text))
                .unwrap_or(Value::Null)
        }
        other => other.clone(),
    }
}

fn statement(value: &Value) -> Statement {
    Statement {
        sid: value.get("Sid").and_then(Value::as_str).map(str::to_string),
        allow: value.get("Effect").and_then(Value::as_str) == Some("Allow"),
        actions: strings(value.get("Action")),
        not_actions: strings(value.get("NotAction")),
        resources: strings(value.get("Resource")),
        not_resources: strings(value.get("NotResource")),
        principals: principals(value.get("Principal")),
        has_condition: value
            .get("Condition")
            .is_some_and(|condition| condition.as_object().is_some_and(|map| !map.is_empty())),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(text)) => vec![text.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn principals(value: Option<&Value>) -> Vec<(String, String)> {
    match value {
        Some(Value::String(text)) => vec![("*".to_string(), text.clone())],
        Some(Value::Object(map)) => map
            .iter()
            .flat_map(|(kind, ids)| {
                strings(Some(ids))
                    .into_iter()
                    .map(move |id| (kind.clone(), id))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The Allow statements open to everyone (`Principal: "*"` or `{"AWS": "*"}`) without a
/// condition, described by their actions (and resources when they name any).
pub fn public_grants(document: &Value) -> Vec<String> {
    statements(document)
        .into_iter()
        .filter(|s| s.allow && !s.has_condition && s.principals.iter().any(|(_, who)| who == "*"))
        .map(|s| {
            if s.resources.is_empty() {
                format!("{}", W(&s.actions))
            } else {
                format!("{} on {}", W(&s.actions), W(&s.resources))
            }
        })
        .collect()
}

/// IAM's action matching: case-insensitive, `*` any run of characters, `?` any one character.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let pattern: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let action: Vec<char> = action.to_ascii_lowercase().chars().collect();
    let (mut p, mut a) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while a < action.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == action[a]) {
            p += 1;
            a += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            backtrack = Some((p, a));
            p += 1;
        } else if let Some((star, matched)) = backtrack {
            p = star + 1;
            a = matched + 1;
            backtrack = Some((star, matched + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// `*` alone: every action of every service.
pub fn is_full_wildcard(action: &str) -> bool {
    action.trim() == "*"
}

/// `service:*`: every action of one service.
pub fn is_service_wildcard(action: &str) -> bool {
    action
        .split_once(':')
        .is_some_and(|(service, rest)| !service.is_empty() && rest == "*")
}
