//! IAM: a role's trust policy, inline policies and attached policies with their documents.

use futures::future::join_all;
use stackproof_checks::inventory::{
    AttachedPolicy, FetchErrors, MissingResource, NamedPolicy, Role,
};

use super::{policy_document, tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

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
    Ok(join_all(attached.iter().map(|policy| async move {
        let arn = text(policy.policy_arn());
        AttachedPolicy {
            document: policy_version(clients, &arn).await,
            name: text(policy.policy_name()),
            arn,
        }
    }))
    .await)
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
