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
        self.without_environment(&without_generated_ids(&text))
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

/// Identifiers AWS (or CloudFormation) generates, which differ between two environments built
/// identically: resource ids (`sg-0a1b…`), key and certificate UUIDs, the six random characters
/// Secrets Manager appends to a secret's ARN, the hash in load balancer and target group ARNs,
/// the cluster part of Aurora endpoints and the 12–13 character tail CloudFormation gives the
/// physical names it makes up (`Stack-Bucket-1A2B3C4D5E6F`).
fn without_generated_ids(text: &str) -> String {
    static PATTERNS: LazyLock<Vec<(Regex, &str)>> = LazyLock::new(|| {
        [
            (
                r"\b(sg|subnet|vpc|rtb|igw|eigw|nat|vpce|pcx|eipalloc|eni|acl|tgw|pl|fl|i|ami|ns|srv)-[0-9a-z]{6,}\b",
                "$1-{id}",
            ),
            (
                r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
                "{uuid}",
            ),
            (r"\bmrk-[0-9a-f]{32}\b", "mrk-{id}"),
            (r"(:secret:[^:\s\x22]+)-[A-Za-z0-9]{6}\b", "$1-{random}"),
            (r"\b((?:loadbalancer/(?:app|net|gwy)|targetgroup)/[^/\s]+)/[0-9a-f]{16}\b", "$1/{id}"),
            (r"\.cluster-(ro-|custom-)?[a-z0-9]{12}\.", ".cluster-$1{id}."),
        ]
        .into_iter()
        .map(|(pattern, replacement)| (Regex::new(pattern).expect("valid pattern"), replacement))
        .collect()
    });
    static CLOUDFORMATION_TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"-([A-Z0-9]{12,13})\b").expect("valid pattern"));
    let mut text = text.to_string();
    for (pattern, replacement) in PATTERNS.iter() {
        if pattern.is_match(&text) {
            text = pattern.replace_all(&text, *replacement).into_owned();
        }
    }
    CLOUDFORMATION_TAIL
        .replace_all(&text, |found: &regex::Captures| {
            let tail = &found[1];
            let mixed = tail.bytes().any(|b| b.is_ascii_digit())
                && tail.bytes().any(|b| b.is_ascii_uppercase());
            if mixed {
                "-{random}".to_string()
            } else {
                found[0].to_string()
            }
        })
        .into_owned()
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

    /// Two environments built identically differ only in what AWS generated.
    #[test]
    fn generated_identifiers_are_placeholders() {
        let n = Normalizer::for_environment("dev", &Inventory::default());
        let pairs = [
            (
                "arn:aws:secretsmanager:us-east-1:1:secret:db-credentials-PIXhvt:password::",
                "arn:aws:secretsmanager:us-east-1:1:secret:db-credentials-{random}:password::",
            ),
            (
                "arn:aws:kms:us-east-1:1:key/a293c58c-a956-4f30-8650-1bc53f955032",
                "arn:aws:kms:us-east-1:1:key/{uuid}",
            ),
            (
                "arn:aws:kms:us-east-1:1:key/mrk-1234abcd1234abcd1234abcd1234abcd",
                "arn:aws:kms:us-east-1:1:key/mrk-{id}",
            ),
            (
                "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api-tg/73e2d6bc24d8a067",
                "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api-tg/{id}",
            ),
            (
                "orders.cluster-6nax42rfamvl.us-east-1.rds.amazonaws.com",
                "orders.cluster-{id}.us-east-1.rds.amazonaws.com",
            ),
            (
                "shop-AssetsBucket-1A2B3C4D5E6F",
                "shop-AssetsBucket-{random}",
            ),
            ("eni-0a1b2c3d4e5f67890", "eni-{id}"),
        ];
        for (generated, normal) in pairs {
            assert_eq!(n.name(generated), normal);
        }
        // Words that merely look generated stay.
        for kept in ["PCI-DSS-REQUIREMENT", "log-group:/ecs/api", "secret:api"] {
            assert_eq!(n.name(kept), kept);
        }
    }
}
