//! KMS: keys by id, ARN or alias, with rotation status and aliases.

use std::collections::{BTreeMap, BTreeSet};

use stackproof_checks::inventory::{FetchErrors, KmsKey, MissingResource};

use super::{policy_document, tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

/// Key references as key ids where that can be told offline or with one `ListAliases` call:
/// key ARNs become ids, aliases (names or ARNs) their target key, so each key is described once.
pub async fn resolve(clients: &Clients, references: BTreeSet<String>) -> BTreeSet<String> {
    let alias_of = |r: &str| {
        r.rsplit_once(":alias/")
            .map(|(_, name)| format!("alias/{name}"))
            .or_else(|| r.starts_with("alias/").then(|| r.to_string()))
    };
    let mut targets = BTreeMap::new();
    if references.iter().any(|r| alias_of(r).is_some()) {
        let aliases: Result<Vec<_>, _> = clients
            .kms
            .list_aliases()
            .into_paginator()
            .items()
            .send()
            .collect()
            .await;
        for alias in aliases.into_iter().flatten() {
            if let (Some(name), Some(target)) = (alias.alias_name(), alias.target_key_id()) {
                targets.insert(name.to_string(), target.to_string());
            }
        }
    }
    references
        .into_iter()
        .map(|reference| match alias_of(&reference) {
            Some(alias) => targets.get(&alias).cloned().unwrap_or(reference),
            None => reference
                .rsplit_once(":key/")
                .map_or(reference.clone(), |(_, id)| id.to_string()),
        })
        .collect()
}

/// Whether an output's value (a key id or ARN, an alias name or alias ARN) names `key`.
pub fn names_key(reference: &str, key: &KmsKey) -> bool {
    let alias = reference
        .rsplit_once(":alias/")
        .map(|(_, name)| format!("alias/{name}"));
    reference == key.id
        || reference == key.arn
        || key
            .aliases
            .iter()
            .any(|a| *a == reference || Some(a) == alias.as_ref())
}

pub async fn collect(clients: &Clients, reference: &str) -> Result<KmsKey, MissingResource> {
    let kms = &clients.kms;
    let metadata = match kms.describe_key().key_id(reference).send().await {
        Ok(output) => output.key_metadata().cloned(),
        Err(error) if is_not_found(&error) => {
            return Err(MissingResource {
                kind: "kms-key".into(),
                id: reference.to_string(),
                output_key: None,
                operation: "kms:DescribeKey".into(),
            });
        }
        Err(error) => {
            return Ok(KmsKey {
                id: reference.to_string(),
                errors: [("*".to_string(), fetch_error("kms:DescribeKey", &error))].into(),
                ..KmsKey::default()
            });
        }
    };
    let Some(metadata) = metadata else {
        return Err(MissingResource {
            kind: "kms-key".into(),
            id: reference.to_string(),
            output_key: None,
            operation: "kms:DescribeKey".into(),
        });
    };
    let id = metadata.key_id().to_string();
    let customer = metadata.key_manager().map(|m| m.as_str()) == Some("CUSTOMER");
    let mut errors = FetchErrors::new();
    let (rotation, aliases, policy, listed_tags) = tokio::join!(
        async {
            if customer {
                Some(kms.get_key_rotation_status().key_id(&id).send().await)
            } else {
                None
            }
        },
        kms.list_aliases()
            .key_id(&id)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        kms.get_key_policy()
            .key_id(&id)
            .policy_name("default")
            .send(),
        kms.list_resource_tags().key_id(&id).send(),
    );
    let key_tags = match listed_tags {
        Ok(output) => tags(
            output
                .tags()
                .iter()
                .map(|t| (Some(t.tag_key()), Some(t.tag_value()))),
        ),
        Err(error) => {
            errors.insert("tags".into(), fetch_error("kms:ListResourceTags", &error));
            Default::default()
        }
    };
    let rotation_enabled = match rotation {
        Some(Ok(output)) => Some(output.key_rotation_enabled()),
        Some(Err(error)) => {
            errors.insert(
                "rotation_enabled".into(),
                fetch_error("kms:GetKeyRotationStatus", &error),
            );
            None
        }
        None => Some(false),
    };
    let aliases = match aliases {
        Ok(aliases) => aliases
            .iter()
            .filter_map(|a| a.alias_name().map(str::to_string))
            .collect(),
        Err(error) => {
            errors.insert("aliases".into(), fetch_error("kms:ListAliases", &error));
            Vec::new()
        }
    };
    let policy = match policy {
        Ok(output) => output.policy().map(policy_document),
        Err(error) => {
            errors.insert("policy".into(), fetch_error("kms:GetKeyPolicy", &error));
            None
        }
    };
    Ok(KmsKey {
        id,
        arn: text(metadata.arn()),
        key_manager: metadata
            .key_manager()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        key_state: metadata
            .key_state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        key_spec: metadata.key_spec().map(|s| s.as_str().to_string()),
        rotation_enabled,
        aliases,
        policy,
        named_by_output: None,
        tags: key_tags,
        errors,
    })
}
