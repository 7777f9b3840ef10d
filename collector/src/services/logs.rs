//! CloudWatch Logs: log groups by exact name.

use stackproof_checks::inventory::{FetchErrors, LogGroup, MissingResource};

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
        Ok(groups) => groups
            .iter()
            .find(|g| g.log_group_name() == Some(name))
            .map(|g| LogGroup {
                name: text(g.log_group_name()),
                arn: g.arn().map(str::to_string),
                retention_days: g.retention_in_days(),
                kms_key_id: g.kms_key_id().map(str::to_string),
                tags: Default::default(),
                errors: FetchErrors::new(),
            })
            .ok_or_else(|| MissingResource {
                kind: "log-group".into(),
                id: name.to_string(),
                output_key: None,
                operation: "logs:DescribeLogGroups".into(),
            }),
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
