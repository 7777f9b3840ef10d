//! CloudWatch Logs: log groups by exact name.

use stackproof_checks::inventory::{LogGroup, MissingResource};

use super::text;
use crate::clients::Clients;
use crate::failure::fetch_error;

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
        Ok(groups) => {
            let Some(g) = groups.iter().find(|g| g.log_group_name() == Some(name)) else {
                return Err(MissingResource {
                    kind: "log-group".into(),
                    id: name.to_string(),
                    output_key: None,
                    operation: "logs:DescribeLogGroups".into(),
                });
            };
            let mut group = LogGroup {
                name: text(g.log_group_name()),
                arn: g.arn().map(str::to_string),
                retention_days: g.retention_in_days(),
                kms_key_id: g.kms_key_id().map(str::to_string),
                ..LogGroup::default()
            };
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
            Ok(group)
        }
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
