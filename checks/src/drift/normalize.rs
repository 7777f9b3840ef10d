//! Naming without what legitimately differs between environments: the environment's name, the
//! stack's suffix, the account and the region become placeholders, AWS ids go.

use std::sync::LazyLock;

use regex::Regex;

use crate::inventory::Inventory;

pub struct Normalizer {
    environment: String,
    suffix: Option<String>,
    account: Option<String>,
    region: Option<String>,
}

impl Normalizer {
    pub fn for_environment(environment: &str, inventory: &Inventory) -> Self {
        Self {
            environment: environment.to_ascii_lowercase(),
            suffix: inventory.meta.environment_suffix.clone(),
            account: inventory.meta.account.clone(),
            region: inventory.meta.region.clone(),
        }
    }

    /// `arn:aws:logs:us-east-2:123456789012:log-group:/ecs/dev-trading-ab12cd` →
    /// `arn:aws:logs:{region}:{account}:log-group:/ecs/{env}-trading-{suffix}`.
    pub fn name(&self, text: &str) -> String {
        static AWS_ID: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b(sg|subnet|vpc|rtb|igw|nat|vpce|pcx|eipalloc|ns|srv)-[0-9a-z]{6,}\b")
                .expect("valid pattern")
        });
        let mut text = text.to_string();
        for (value, placeholder) in [
            (&self.suffix, "{suffix}"),
            (&self.account, "{account}"),
            (&self.region, "{region}"),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                text = text.replace(value, placeholder);
            }
        }
        let text = AWS_ID.replace_all(&text, "$1-{id}").to_string();
        self.without_environment(&text)
    }

    /// The environment's name as a whole word (`prod-db`, `/prod/`) becomes `{env}`.
    fn without_environment(&self, text: &str) -> String {
        if self.environment.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if word.eq_ignore_ascii_case(&self.environment) {
                out.push_str("{env}");
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_suffix_account_region_and_ids_are_placeholders() {
        let mut inventory = Inventory::default();
        inventory.meta.environment_suffix = Some("ab12cd".into());
        inventory.meta.account = Some("123456789012".into());
        inventory.meta.region = Some("us-east-2".into());
        let n = Normalizer::for_environment("dev", &inventory);
        assert_eq!(
            n.name("arn:aws:logs:us-east-2:123456789012:log-group:/ecs/dev-trading-ab12cd"),
            "arn:aws:logs:{region}:{account}:log-group:/ecs/{env}-trading-{suffix}"
        );
        assert_eq!(
            n.name("/trading-ab12cd/dev/image-tag"),
            "/trading-{suffix}/{env}/image-tag"
        );
        assert_eq!(n.name("developer sg-0a1b2c3d4e5f"), "developer sg-{id}");
    }
}
