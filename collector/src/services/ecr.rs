//! ECR: repositories by name, with their lifecycle policy.

use std::collections::BTreeSet;

use futures::future::join_all;
use stackproof_checks::inventory::{EcrRepository, FetchErrors, MissingResource};

use super::{policy_document, tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

/// The repository name in an image reference (`<acct>.dkr.ecr.<region>.amazonaws.com/name:tag`).
pub fn repository_of_image(image: &str) -> Option<String> {
    let (host, path) = image.split_once('/')?;
    if !host.contains(".dkr.ecr.") {
        return None;
    }
    let name = path.split(['@', ':']).next()?;
    Some(name.to_string())
}

pub async fn collect(
    clients: &Clients,
    names: &BTreeSet<String>,
) -> (Vec<EcrRepository>, Vec<MissingResource>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    let described = join_all(names.iter().map(|name| async move {
        (
            name,
            clients
                .ecr
                .describe_repositories()
                .repository_names(name)
                .send()
                .await,
        )
    }))
    .await;
    let mut described_ok = Vec::new();
    for (name, result) in described {
        match result {
            Ok(output) => described_ok.push(output),
            Err(error) if is_not_found(&error) => missing.push(MissingResource {
                kind: "ecr-repository".into(),
                id: name.clone(),
                output_key: None,
                operation: "ecr:DescribeRepositories".into(),
            }),
            Err(error) => found.push(EcrRepository {
                name: name.clone(),
                errors: [(
                    "*".to_string(),
                    fetch_error("ecr:DescribeRepositories", &error),
                )]
                .into(),
                ..EcrRepository::default()
            }),
        }
    }
    let repositories = described_ok.iter().flat_map(|output| output.repositories());
    found.extend(join_all(repositories.map(|r| repository_with_policy(clients, r))).await);
    (found, missing)
}

async fn repository_with_policy(
    clients: &Clients,
    r: &aws_sdk_ecr::types::Repository,
) -> EcrRepository {
    let name = text(r.repository_name());
    let mut errors = FetchErrors::new();
    let (lifecycle, listed_tags) = tokio::join!(
        clients
            .ecr
            .get_lifecycle_policy()
            .repository_name(&name)
            .send(),
        clients
            .ecr
            .list_tags_for_resource()
            .resource_arn(text(r.repository_arn()))
            .send(),
    );
    let repository_tags = match listed_tags {
        Ok(output) => tags(
            output
                .tags()
                .iter()
                .map(|t| (Some(t.key()), Some(t.value()))),
        ),
        Err(error) => {
            errors.insert(
                "tags".into(),
                fetch_error("ecr:ListTagsForResource", &error),
            );
            Default::default()
        }
    };
    let lifecycle_policy = match lifecycle {
        Ok(output) => output.lifecycle_policy_text().map(policy_document),
        Err(error) if is_not_found(&error) => None,
        Err(error) => {
            errors.insert(
                "lifecycle_policy".into(),
                fetch_error("ecr:GetLifecyclePolicy", &error),
            );
            None
        }
    };
    EcrRepository {
        name,
        arn: text(r.repository_arn()),
        uri: text(r.repository_uri()),
        tag_mutability: r
            .image_tag_mutability()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        scan_on_push: r
            .image_scanning_configuration()
            .is_some_and(|c| c.scan_on_push()),
        encryption_type: r
            .encryption_configuration()
            .map(|e| e.encryption_type().as_str().to_string()),
        kms_key: r
            .encryption_configuration()
            .and_then(|e| e.kms_key().map(str::to_string)),
        lifecycle_policy,
        tags: repository_tags,
        errors,
    }
}
