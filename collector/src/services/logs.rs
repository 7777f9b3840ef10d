//! CloudWatch Logs: log groups by exact name.
//!
//! `DescribeLogGroups` lists by name prefix, 50 groups a page. A group alone in its directory
//! (`/ecs/app/` of `/ecs/app/web`) is listed by its own name; groups that share a directory with
//! others are listed together, page by page, until every one is seen, and looked up one by one
//! if the listing costs more pages than that would (a directory full of other groups).

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_cloudwatchlogs::types::LogGroup as Listed;
use futures::future::join_all;
use stackproof_checks::inventory::{LogGroup, MissingResource};

use super::text;
use crate::clients::Clients;
use crate::failure::fetch_error;
use crate::fan_out::bounded;

/// A directory holding at least this many wanted groups is listed rather than asked per name.
const SHARED_DIRECTORY: usize = 3;

/// Every group of `names`, with its tags; at most `limit` groups read at once.
pub async fn collect_many(
    clients: &Clients,
    limit: usize,
    names: BTreeSet<String>,
) -> (Vec<LogGroup>, Vec<MissingResource>) {
    let mut by_directory: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for name in &names {
        by_directory
            .entry(directory(name))
            .or_default()
            .insert(name);
    }
    let (shared, alone): (Vec<_>, Vec<_>) = (by_directory.into_iter())
        .partition(|(directory, wanted)| !directory.is_empty() && wanted.len() >= SHARED_DIRECTORY);
    let listings = join_all(
        (shared.iter()).map(|(directory, wanted)| list_directory(clients, directory, wanted)),
    )
    .await;
    let mut listed: BTreeMap<String, Listed> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut one_by_one: BTreeSet<String> = (alone.iter())
        .flat_map(|(_, wanted)| wanted.iter().map(|name| name.to_string()))
        .collect();
    for listing in listings {
        listed.extend(
            listing
                .found
                .into_iter()
                .map(|g| (text(g.log_group_name()), g)),
        );
        missing.extend(listing.absent.iter().map(|name| missing_group(name)));
        one_by_one.extend(listing.unresolved);
    }
    let listed = &listed;
    let ((mut found, _), (looked_up, not_found)) = tokio::join!(
        bounded(limit, listed.keys().cloned().collect(), |name| async move {
            Ok::<_, MissingResource>(with_tags(clients, group(&listed[&name])).await)
        }),
        bounded(limit, one_by_one, |name| async move {
            collect(clients, &name).await
        }),
    );
    found.extend(looked_up);
    missing.extend(not_found);
    (found, missing)
}

/// The directory of a group name (up to its last `/`), empty for a name without one.
fn directory(name: &str) -> &str {
    name.rfind('/').map_or("", |end| &name[..=end])
}

/// What one directory's listing found of the wanted groups, which it showed do not exist, and
/// which are left to ask for one by one.
struct Listing {
    found: Vec<Listed>,
    absent: Vec<String>,
    unresolved: Vec<String>,
}

/// Lists `directory` page by page until every wanted group is seen or the listing ends (then
/// the unseen do not exist). Gives up, leaving the unseen to be asked for one by one, once it
/// has read as many pages as there are wanted groups, or when a page fails.
async fn list_directory(clients: &Clients, directory: &str, wanted: &BTreeSet<&str>) -> Listing {
    let mut pages = clients
        .logs
        .describe_log_groups()
        .log_group_name_prefix(directory)
        .into_paginator()
        .send();
    let mut found: Vec<Listed> = Vec::new();
    let mut read = 0;
    let mut ended = false;
    while found.len() < wanted.len() && read < wanted.len() {
        match pages.next().await {
            Some(Ok(page)) => {
                read += 1;
                found.extend(
                    (page.log_groups().iter())
                        .filter(|g| g.log_group_name().is_some_and(|n| wanted.contains(n)))
                        .cloned(),
                );
            }
            Some(Err(_)) => {
                // The unseen are asked for one by one, which reads the same facts.
                clients.counter.recovered("logs:DescribeLogGroups");
                break;
            }
            None => {
                ended = true;
                break;
            }
        }
    }
    let seen: BTreeSet<&str> = found.iter().filter_map(|g| g.log_group_name()).collect();
    let unseen: Vec<String> = (wanted.iter())
        .filter(|name| !seen.contains(**name))
        .map(|name| name.to_string())
        .collect();
    let (absent, unresolved) = if ended {
        (unseen, Vec::new())
    } else {
        (Vec::new(), unseen)
    };
    Listing {
        found,
        absent,
        unresolved,
    }
}

fn missing_group(name: &str) -> MissingResource {
    MissingResource {
        kind: "log-group".into(),
        id: name.to_string(),
        output_key: None,
        operation: "logs:DescribeLogGroups".into(),
    }
}

fn group(g: &Listed) -> LogGroup {
    LogGroup {
        name: text(g.log_group_name()),
        arn: g.arn().map(str::to_string),
        retention_days: g.retention_in_days(),
        kms_key_id: g.kms_key_id().map(str::to_string),
        ..LogGroup::default()
    }
}

/// The group named `name` (the API lists by prefix; the exact match is kept).
pub async fn collect(clients: &Clients, name: &str) -> Result<LogGroup, MissingResource> {
    let listed: Result<Vec<_>, _> = clients
        .logs
        .describe_log_groups()
        .log_group_name_prefix(name)
        .into_paginator()
        .items()
        .send()
        .collect()
        .await;
    match listed {
        Ok(groups) => match groups.iter().find(|g| g.log_group_name() == Some(name)) {
            Some(g) => Ok(with_tags(clients, group(g)).await),
            None => Err(missing_group(name)),
        },
        Err(error) => Ok(LogGroup {
            name: name.to_string(),
            errors: [(
                "*".to_string(),
                fetch_error("logs:DescribeLogGroups", &error),
            )]
            .into(),
            ..LogGroup::default()
        }),
    }
}

/// The group with its tags (or the `tags` error).
async fn with_tags(clients: &Clients, mut group: LogGroup) -> LogGroup {
    if !clients.read_log_group_tags {
        return group;
    }
    // The describe ARN ends in `:*`; tagging APIs want the group's ARN without it.
    let arn = group.arn.clone().unwrap_or_default();
    let arn = arn.strip_suffix(":*").unwrap_or(&arn);
    match clients
        .logs
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
    {
        Ok(output) => {
            group.tags = output
                .tags()
                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
        }
        Err(error) => {
            group.errors.insert(
                "tags".into(),
                fetch_error("logs:ListTagsForResource", &error),
            );
        }
    }
    group
}
