//! KMS: keys by id, ARN or alias, with rotation status and aliases.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use tokio::sync::OnceCell;

use stackproof_checks::inventory::{FetchErrors, KmsKey, MissingResource};

use super::{policy_document, tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};
use crate::fan_out::bounded;

/// The keys of one collection: each described once however many branches of the collection
/// refer to it, the account's aliases listed at most once.
pub struct Keys<'a> {
    clients: &'a Clients,
    limit: usize,
    claimed: Mutex<BTreeSet<String>>,
    /// Alias name → target key id.
    aliases: OnceCell<BTreeMap<String, String>>,
}

impl<'a> Keys<'a> {
    pub fn new(clients: &'a Clients, limit: usize) -> Self {
        Self {
            clients,
            limit,
            claimed: Mutex::default(),
            aliases: OnceCell::new(),
        }
    }

    /// Describes the keys `references` name that no other branch has taken yet.
    pub async fn collect(
        &self,
        references: impl IntoIterator<Item = String>,
    ) -> (Vec<KmsKey>, Vec<MissingResource>) {
        let references: BTreeSet<String> = references.into_iter().collect();
        if references.is_empty() {
            return Default::default();
        }
        let ids = self.resolve(references).await;
        let fresh: BTreeSet<String> = {
            let mut claimed = self.claimed.lock().expect("key claims lock");
            ids.into_iter()
                .filter(|id| claimed.insert(id.clone()))
                .collect()
        };
        let clients = self.clients;
        bounded(self.limit, fresh, |id| async move {
            collect(clients, &id).await
        })
        .await
    }

    /// Key references as key ids where that can be told offline or with one `ListAliases`
    /// call: key ARNs become ids, aliases (names or ARNs) their target key.
    pub async fn resolve(&self, references: BTreeSet<String>) -> BTreeSet<String> {
        let alias_of = |r: &str| {
            r.rsplit_once(":alias/")
                .map(|(_, name)| format!("alias/{name}"))
                .or_else(|| r.starts_with("alias/").then(|| r.to_string()))
        };
        let targets = if references.iter().any(|r| alias_of(r).is_some()) {
            Some(
                self.aliases
                    .get_or_init(|| list_aliases(self.clients))
                    .await,
            )
        } else {
            None
        };
        references
            .into_iter()
            .map(|reference| match alias_of(&reference) {
                Some(alias) => (targets.and_then(|t| t.get(&alias)).cloned()).unwrap_or(reference),
                None => reference
                    .rsplit_once(":key/")
                    .map_or(reference.clone(), |(_, id)| id.to_string()),
            })
            .collect()
    }
}

/// Every alias of the account with its target (none when the listing fails: the aliases are
/// then described as given).
async fn list_aliases(clients: &Clients) -> BTreeMap<String, String> {
    let aliases: Result<Vec<_>, _> = clients
        .kms
        .list_aliases()
        .into_paginator()
        .items()
        .send()
        .collect()
        .await;
    (aliases.into_iter().flatten())
        .filter_map(|alias| {
            Some((
                alias.alias_name()?.to_string(),
                alias.target_key_id()?.to_string(),
            ))
        })
        .collect()
}

/// A key id (a UUID, or `mrk-` and 32 hex digits for a multi-Region key), not an ARN or alias.
fn is_key_id(reference: &str) -> bool {
    let hex =
        |part: &str, len: usize| part.len() == len && part.chars().all(|c| c.is_ascii_hexdigit());
    match reference.strip_prefix("mrk-") {
        Some(rest) => hex(rest, 32),
        None => {
            let parts: Vec<&str> = reference.split('-').collect();
            parts.len() == 5
                && parts
                    .iter()
                    .zip([8, 4, 4, 4, 12])
                    .all(|(part, len)| hex(part, len))
        }
    }
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
    // What is asked of a key once its id is known; the rotation status means something only
    // for customer managed keys and is ignored for the others.
    let details = |id: String| async move {
        tokio::join!(
            kms.get_key_rotation_status().key_id(&id).send(),
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
        )
    };
    // A key id needs no description first: everything is asked in one round trip.
    let (described, early) = if is_key_id(reference) {
        let (described, early) = tokio::join!(
            kms.describe_key().key_id(reference).send(),
            details(reference.to_string())
        );
        (described, Some(early))
    } else {
        (kms.describe_key().key_id(reference).send().await, None)
    };
    let metadata = match described {
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
    let (rotation, aliases, policy, listed_tags) = match early {
        Some(early) => early,
        None => details(id.clone()).await,
    };
    let rotation = customer.then_some(rotation);
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
