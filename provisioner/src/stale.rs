//! The janitor's listing (`destroy --stale`): the runs stackproof left in an account, found by
//! the tags every provisioned resource carries from its create call, whether or not a ledger
//! survived: `stackproof:suffix`, `stackproof:scenario`, `stackproof:created`. Two listings per
//! region: the VPCs (the first resource every scenario creates and the last teardown deletes),
//! and the Resource Groups Tagging API, which finds a run whose VPC is already gone by whatever
//! else of it is left (a role, a bucket, a key …).

use std::collections::BTreeMap;

use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::SdkConfig;

/// One run found in the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub suffix: String,
    pub scenario: Option<String>,
    /// When it started (`stackproof:created`); `None` for runs made before the tag existed.
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    /// The regions something of it is tagged in.
    pub regions: Vec<String>,
}

/// Every run with something tagged in `regions`; a listing that fails is an error naming it and
/// the region (the janitor must not call an account clean it could not look at).
pub async fn runs(config: &SdkConfig, regions: &[&str]) -> Result<Vec<Run>, String> {
    let mut found: BTreeMap<String, Run> = BTreeMap::new();
    for region in regions {
        let regional = crate::in_region(config, region);
        let clients = stackproof_clients::AwsClients::plain(&regional);
        let ec2 = &clients.ec2;
        let tagged = aws_sdk_ec2::types::Filter::builder()
            .name("tag-key")
            .values(SUFFIX)
            .build();
        let vpcs = (ec2.describe_vpcs().filters(tagged).send().await).map_err(|error| {
            format!(
                "ec2:DescribeVpcs in {region}: {}",
                DisplayErrorContext(&error)
            )
        })?;
        for vpc in vpcs.vpcs() {
            let tags = vpc.tags().iter().map(|t| (t.key(), t.value()));
            note(&mut found, tags, region);
        }
        let tagging = &clients.tagging;
        let filter = aws_sdk_resourcegroupstagging::types::TagFilter::builder()
            .key(SUFFIX)
            .build();
        let mut pages = tagging
            .get_resources()
            .tag_filters(filter)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|error| {
                format!(
                    "tag:GetResources in {region}: {}",
                    DisplayErrorContext(&error)
                )
            })?;
            let left = (page.resource_tag_mapping_list().iter())
                .filter(|r| !r.resource_arn().is_some_and(lingers));
            for resource in left {
                let tags = resource
                    .tags()
                    .iter()
                    .map(|t| (Some(t.key()), Some(t.value())));
                note(&mut found, tags, region);
            }
        }
    }
    Ok(found.into_values().collect())
}

const SUFFIX: &str = "stackproof:suffix";

/// Whether the Tagging API may still list a resource of this ARN's type after teardown: a KMS
/// key waits out its deletion window, ECS clusters, services and task definitions stay
/// `INACTIVE`, a NAT gateway stays `deleted` for a while, snapshots are not the run's to delete.
/// Alone they are no run to tear down.
fn lingers(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    let service = parts.nth(2).unwrap_or_default();
    let resource = parts.nth(2).unwrap_or_default();
    let kind = resource.split(['/', ':']).next().unwrap_or_default();
    matches!(
        (service, kind),
        ("kms", _)
            | ("ecs", "cluster" | "service" | "task-definition")
            | ("ec2", "natgateway")
            | ("rds", "snapshot" | "cluster-snapshot")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_lingers_after_teardown_is_no_run() {
        use super::lingers;
        for arn in [
            "arn:aws:kms:us-east-1:123456789012:key/c6757d8f",
            "arn:aws:ecs:us-east-1:123456789012:service/c-g1/s-g1",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/app-g1:1",
            "arn:aws:ec2:us-east-1:123456789012:natgateway/nat-8f02",
            "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:rds:db-g1-2026-12-01",
        ] {
            assert!(lingers(arn), "{arn}");
        }
        for arn in [
            "arn:aws:logs:us-east-1:123456789012:log-group:/stackproof/orphan-g1",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1",
            "arn:aws:rds:us-east-1:123456789012:cluster:db-g1",
            "arn:aws:s3:::bucket-g1",
        ] {
            assert!(!lingers(arn), "{arn}");
        }
    }
}

/// Adds what one tagged resource says of its run: its suffix, scenario, start and region.
fn note<'a>(
    found: &mut BTreeMap<String, Run>,
    tags: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
    region: &str,
) {
    let tags: BTreeMap<&str, &str> = tags.filter_map(|(k, v)| Some((k?, v?))).collect();
    let Some(suffix) = tags.get(SUFFIX) else {
        return;
    };
    let run = found.entry(suffix.to_string()).or_insert_with(|| Run {
        suffix: suffix.to_string(),
        scenario: None,
        created: None,
        regions: Vec::new(),
    });
    if run.scenario.is_none() {
        run.scenario = tags.get("stackproof:scenario").map(|s| s.to_string());
    }
    let created = (tags.get("stackproof:created"))
        .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&chrono::Utc));
    // A run started when its first resource did.
    run.created = match (run.created, created) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if !run.regions.iter().any(|r| r == region) {
        run.regions.push(region.to_string());
    }
}
