//! Values in words, for messages and evidence that auditors read: never Rust's Debug text.
//! `None` is "not set", a list is its items joined ("tcp/22 0.0.0.0/0, tcp/3389 0.0.0.0/0"), an
//! empty list "none", a pair its two parts ("/ecs/app 7"), booleans as the API spells them.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// Displays any serializable value in words: `format!("retention {}", W(&days))`.
pub struct W<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> fmt::Display for W<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = serde_json::to_value(self.0).unwrap_or(Value::Null);
        f.write_str(&words(&value))
    }
}

/// A JSON value in words.
pub fn words(value: &Value) -> String {
    match value {
        Value::Null => "not set".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".to_string(),
        Value::Array(items) => items.iter().map(item).collect::<Vec<_>>().join(", "),
        Value::Object(map) if map.is_empty() => "none".to_string(),
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| format!("{key} {}", item(value)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// One item of a list: a tuple or small list is its parts separated by spaces.
fn item(value: &Value) -> String {
    match value {
        Value::Array(parts) if !parts.is_empty() => {
            parts.iter().map(words).collect::<Vec<_>>().join(" ")
        }
        other => words(other),
    }
}

/// Whether a text shows Rust's Debug formatting (`Some(7)`, `None`, `["a", "b"]`, `("x", 1)`),
/// which messages and evidence must never do.
pub fn looks_like_debug(text: &str) -> bool {
    static DEBUG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"Some\(|\bNone\b|\["|\("[^"]*",|\{"[a-z_]+": "#).expect("valid pattern")
    });
    DEBUG.is_match(text)
}

/// The first text of a result (its message, then each evidence's expectation) that shows Rust's
/// Debug formatting.
pub fn debug_text(result: &crate::result::CheckResult) -> Option<&str> {
    std::iter::once(&result.message)
        .chain(result.evidence.iter().map(|e| &e.expected))
        .map(String::as_str)
        .find(|text| looks_like_debug(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_words() {
        assert_eq!(W(&None::<i32>).to_string(), "not set");
        assert_eq!(W(&Some(7)).to_string(), "7");
        assert_eq!(W(&Some("false")).to_string(), "false");
        assert_eq!(W(&Vec::<String>::new()).to_string(), "none");
        assert_eq!(W(&vec!["a", "b"]).to_string(), "a, b");
        assert_eq!(
            W(&vec![("/ecs/api", Some(7)), ("/ecs/web", None)]).to_string(),
            "/ecs/api 7, /ecs/web not set"
        );
    }

    #[test]
    fn debug_text_is_recognised() {
        for debug in [
            "retention Some(7) days",
            "None",
            r#"["a", "b"]"#,
            r#"[("x", 1)]"#,
        ] {
            assert!(looks_like_debug(debug), "{debug}");
        }
        for words in ["retention 7 days", "not set", "a, b", "none found"] {
            assert!(!looks_like_debug(words), "{words}");
        }
    }
}
