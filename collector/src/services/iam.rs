//! IAM: a role's trust policy, inline policies and attached policies with their documents.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_iam::types::{EntityType, RoleDetail};
use futures::future::join_all;
use stackproof_checks::inventory::{
    AttachedPolicy, FetchErrors, MissingResource, NamedPolicy, Role,
};

use super::{policy_document, tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};
use crate::fan_out::bounded;

/// From this many roles on, the account's role details are listed (every role with its trust,
/// inline and attached policies and tags, up to 1,000 a request) instead of asking four
/// questions per role.
const MANY_ROLES: usize = 20;

const ACCOUNT_DETAILS: &str = "iam:GetAccountAuthorizationDetails";

/// Every role of `references` (names or ARNs); at most `limit` roles asked for at once.
pub async fn collect_many(
    clients: &Clients,
    limit: usize,
    references: BTreeSet<String>,
) -> (Vec<Role>, Vec<MissingResource>) {
    if references.len() >= MANY_ROLES {
        match from_account_details(clients, &references).await {
            Some(collected) => return collected,
            // Asked for one by one below, which reads the same facts.
            None => clients.counter.recovered(ACCOUNT_DETAILS),
        }
    }
    bounded(limit, references, |reference| async move {
        collect(clients, &reference).await
    })
    .await
}

/// The roles from the account's authorization details; `None` when the listing fails.
async fn from_account_details(
    clients: &Clients,
    references: &BTreeSet<String>,
) -> Option<(Vec<Role>, Vec<MissingResource>)> {
    let pages: Vec<_> = clients
        .iam
        .get_account_authorization_details()
        .filter(EntityType::Role)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .ok()?;
    let details: BTreeMap<&str, &RoleDetail> = (pages.iter())
        .flat_map(|page| page.role_detail_list())
        .filter_map(|detail| Some((detail.role_name()?, detail)))
        .collect();
    let mut missing = Vec::new();
    let mut found = Vec::new();
    for reference in references {
        match details.get(role_name(reference)) {
            Some(detail) => found.push(*detail),
            None => missing.push(MissingResource {
                kind: "iam-role".into(),
                id: reference.clone(),
                output_key: None,
                operation: ACCOUNT_DETAILS.into(),
            }),
        }
    }
    let roles = join_all(found.into_iter().map(|detail| role_of(clients, detail))).await;
    Some((roles, missing))
}

/// A role from its authorization details; attached policies' documents are read once each.
async fn role_of(clients: &Clients, detail: &RoleDetail) -> Role {
    let attached = with_documents(clients, detail.attached_managed_policies()).await;
    Role {
        name: text(detail.role_name()),
        arn: text(detail.arn()),
        trust_policy: detail.assume_role_policy_document().map(policy_document),
        inline_policies: (detail.role_policy_list().iter())
            .map(|policy| NamedPolicy {
                name: text(policy.policy_name()),
                document: policy_document(policy.policy_document().unwrap_or_default()),
            })
            .collect(),
        attached_policies: attached,
        tags: tags(
            detail
                .tags()
                .iter()
                .map(|t| (Some(t.key()), Some(t.value()))),
        ),
        errors: FetchErrors::new(),
    }
}

/// The role name in a role ARN (`arn:aws:iam::1:role/path/name` → `name`), or the name itself.
pub fn role_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

pub async fn collect(clients: &Clients, reference: &str) -> Result<Role, MissingResource> {
    let iam = &clients.iam;
    let name = role_name(reference);
    let mut role = Role {
        name: name.to_string(),
        ..Role::default()
    };
    let mut errors = FetchErrors::new();
    // The three questions need only the name: asked at once, one round trip.
    let (described, inline, attached) = tokio::join!(
        iam.get_role().role_name(name).send(),
        inline_policies(clients, name),
        attached_policies(clients, name)
    );
    match described {
        Ok(output) => {
            if let Some(r) = output.role() {
                role.arn = r.arn().to_string();
                role.trust_policy = r.assume_role_policy_document().map(policy_document);
                role.tags = tags(r.tags().iter().map(|t| (Some(t.key()), Some(t.value()))));
            }
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|e| e.is_no_such_entity_exception())
                || is_not_found(&error) =>
        {
            return Err(MissingResource {
                kind: "iam-role".into(),
                id: reference.to_string(),
                output_key: None,
                operation: "iam:GetRole".into(),
            });
        }
        Err(error) => {
            errors.insert("*".into(), fetch_error("iam:GetRole", &error));
        }
    }
    match inline {
        Ok(policies) => role.inline_policies = policies,
        Err(error) => {
            errors.insert("inline_policies".into(), error);
        }
    }
    match attached {
        Ok(policies) => role.attached_policies = policies,
        Err(error) => {
            errors.insert("attached_policies".into(), error);
        }
    }
    role.errors = errors;
    Ok(role)
}

async fn inline_policies(
    clients: &Clients,
    role: &str,
) -> Result<Vec<NamedPolicy>, stackproof_checks::inventory::FetchError> {
    let iam = &clients.iam;
    let names: Vec<String> = iam
        .list_role_policies()
        .role_name(role)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(|error| fetch_error("iam:ListRolePolicies", &error))?;
    let documents = join_all(names.iter().map(|name| {
        iam.get_role_policy()
            .role_name(role)
            .policy_name(name)
            .send()
    }))
    .await;
    names
        .into_iter()
        .zip(documents)
        .map(|(name, result)| {
            let output = result.map_err(|error| fetch_error("iam:GetRolePolicy", &error))?;
            Ok(NamedPolicy {
                name,
                document: policy_document(output.policy_document()),
            })
        })
        .collect()
}

async fn attached_policies(
    clients: &Clients,
    role: &str,
) -> Result<Vec<AttachedPolicy>, stackproof_checks::inventory::FetchError> {
    let iam = &clients.iam;
    let attached: Vec<_> = iam
        .list_attached_role_policies()
        .role_name(role)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(|error| fetch_error("iam:ListAttachedRolePolicies", &error))?;
    Ok(with_documents(clients, &attached).await)
}

/// Attached policies (as IAM lists them for a role or in its authorization details) with
/// their default version's documents.
async fn with_documents(
    clients: &Clients,
    attached: &[aws_sdk_iam::types::AttachedPolicy],
) -> Vec<AttachedPolicy> {
    join_all(attached.iter().map(|policy| async move {
        let arn = text(policy.policy_arn());
        AttachedPolicy {
            document: policy_version(clients, &arn).await,
            name: text(policy.policy_name()),
            arn,
        }
    }))
    .await
}

/// The default version's document, fetched once per policy for the whole collection; `None`
/// when it cannot be read (checks then report `error`).
async fn policy_version(clients: &Clients, arn: &str) -> Option<serde_json::Value> {
    let cell = clients
        .policy_documents
        .lock()
        .expect("policy document cache lock")
        .entry(arn.to_string())
        .or_default()
        .clone();
    cell.get_or_init(|| fetch_policy_version(clients, arn))
        .await
        .clone()
}

async fn fetch_policy_version(clients: &Clients, arn: &str) -> Option<serde_json::Value> {
    let iam = &clients.iam;
    let version = iam
        .get_policy()
        .policy_arn(arn)
        .send()
        .await
        .ok()?
        .policy()?
        .default_version_id()?
        .to_string();
    let output = iam
        .get_policy_version()
        .policy_arn(arn)
        .version_id(version)
        .send()
        .await
        .ok()?;
    output.policy_version()?.document().map(policy_document)
}
