//! SSM Parameter Store: parameters named by the outputs, and every parameter under their paths
//! (hierarchies of shared and per-environment settings). Values are never read.

use std::collections::BTreeSet;

use aws_sdk_ssm::types::ParameterStringFilter;
use stackproof_checks::inventory::{FetchErrors, SsmParameter};

use super::text;
use crate::clients::Clients;
use crate::failure::fetch_error;

/// The parent path of a parameter name (`/app/prod/db/host` → `/app/prod/db`).
fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or(
        "/",
        |(parent, _)| if parent.is_empty() { "/" } else { parent },
    )
}

pub async fn collect(clients: &Clients, names: &BTreeSet<String>) -> Vec<SsmParameter> {
    let paths: BTreeSet<&str> = names.iter().map(|n| parent(n)).collect();
    let mut parameters = Vec::new();
    for path in paths {
        let filter = ParameterStringFilter::builder()
            .key("Path")
            .option("Recursive")
            .values(path)
            .build()
            .ok();
        let pages: Result<Vec<_>, _> = clients
            .ssm
            .describe_parameters()
            .set_parameter_filters(filter.map(|f| vec![f]))
            .into_paginator()
            .send()
            .collect()
            .await;
        match pages {
            Ok(pages) => {
                parameters.extend(pages.iter().flat_map(|page| page.parameters()).map(|p| {
                    SsmParameter {
                        name: text(p.name()),
                        parameter_type: p
                            .r#type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        key_id: p.key_id().map(str::to_string),
                        version: p.version(),
                        errors: FetchErrors::new(),
                    }
                }))
            }
            Err(error) => parameters.push(SsmParameter {
                name: path.to_string(),
                errors: [(
                    "*".to_string(),
                    fetch_error("ssm:DescribeParameters", &error),
                )]
                .into(),
                ..SsmParameter::default()
            }),
        }
    }
    parameters.sort_by(|a, b| a.name.cmp(&b.name));
    parameters.dedup_by(|a, b| a.name == b.name);
    parameters
}
