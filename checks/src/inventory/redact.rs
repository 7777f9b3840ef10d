//! Redaction: what must never be written anywhere — values of environment variables and tags
//! that look like secrets by name or by content. Secret values themselves are never collected.

use std::sync::LazyLock;

use regex::Regex;

use super::Inventory;

/// What replaces a redacted value.
pub const REDACTED: &str = "(redacted)";

/// Environment variable names that usually hold secrets.
pub fn looks_like_secret_name(name: &str) -> bool {
    static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(PASSW(OR)?D|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)")
            .expect("valid pattern")
    });
    SECRET_NAME.is_match(name)
}

/// Values that look like credentials whatever the variable is called: AWS access keys, PEM
/// private keys, GitHub/Slack tokens, URLs with a password.
pub fn looks_like_credential(value: &str) -> bool {
    static CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}",
            r"|-----BEGIN [A-Z ]*PRIVATE KEY-----",
            r"|gh[pousr]_[A-Za-z0-9]{36}",
            r"|xox[abpr]-[A-Za-z0-9-]{10,}",
            r"|[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@",
        ))
        .expect("valid pattern")
    });
    CREDENTIAL.is_match(value)
}

impl Inventory {
    /// A copy fit to be written to disk: environment values and tag values that look like
    /// secrets replaced by [`REDACTED`]. Checks run on the original; everything saved is
    /// redacted.
    pub fn redacted(&self) -> Inventory {
        let mut copy = self.clone();
        for task in &mut copy.task_definitions {
            for container in &mut task.containers {
                redact_pairs(container.environment.iter_mut());
            }
        }
        let Ok(mut value) = serde_json::to_value(&copy) else {
            return copy;
        };
        redact_tags(&mut value);
        serde_json::from_value(value).unwrap_or(copy)
    }
}

/// Replaces values whose name or content looks like a secret.
fn redact_pairs<'a>(pairs: impl Iterator<Item = (&'a String, &'a mut String)>) {
    for (name, value) in pairs {
        if looks_like_secret_name(name) || looks_like_credential(value) {
            *value = REDACTED.to_string();
        }
    }
}

/// Redacts every `tags` map, wherever a resource carries one.
fn redact_tags(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    serde_json::Value::Object(tags) if key == "tags" => {
                        for (name, tag) in tags.iter_mut() {
                            let secret = looks_like_secret_name(name)
                                || tag.as_str().is_some_and(looks_like_credential);
                            if secret {
                                *tag = serde_json::Value::String(REDACTED.to_string());
                            }
                        }
                    }
                    other => redact_tags(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_tags),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_and_credential_values_are_recognised() {
        assert!(looks_like_secret_name("DB_PASSWORD"));
        assert!(looks_like_secret_name("stripe_api_key"));
        assert!(!looks_like_secret_name("LOG_LEVEL"));
        assert!(looks_like_credential("AKIAIOSFODNN7EXAMPLE"));
        assert!(looks_like_credential("postgres://app:s3cret@db:5432/app"));
        assert!(looks_like_credential("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(!looks_like_credential("https://example.com/path"));
        assert!(!looks_like_credential("info"));
    }

    #[test]
    fn redaction_hides_secret_looking_environment_values_only() {
        let mut inventory = Inventory::default();
        let mut container = crate::inventory::Container::default();
        container
            .environment
            .insert("DB_PASSWORD".into(), "hunter2".into());
        container
            .environment
            .insert("CONFIG".into(), "AKIAIOSFODNN7EXAMPLE".into());
        container
            .environment
            .insert("LOG_LEVEL".into(), "info".into());
        inventory
            .task_definitions
            .push(crate::inventory::TaskDefinition {
                containers: vec![container],
                ..Default::default()
            });
        let text = serde_json::to_string(&inventory.redacted()).unwrap();
        assert!(!text.contains("hunter2") && !text.contains("AKIAIOSFODNN7EXAMPLE"));
        assert!(text.contains("\"LOG_LEVEL\":\"info\""));
    }
}
