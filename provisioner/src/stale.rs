//! The janitor's listing (`destroy --stale`): the runs stackproof left in an account, found by
//! the tags every provisioned resource carries, whether or not a ledger survived. A run is known
//! by its VPC — the first resource every scenario creates and the last teardown deletes — and
//! its tags: `stackproof:suffix`, `stackproof:scenario`, `stackproof:created`.

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
    /// The regions it has a VPC in.
    pub regions: Vec<String>,
}

/// Every run with a VPC in `regions`; a listing that fails is an error naming the region (the
/// janitor must not call an account clean it could not look at).
pub async fn runs(config: &SdkConfig, regions: &[&str]) -> Result<Vec<Run>, String> {
    let mut found: BTreeMap<String, Run> = BTreeMap::new();
    for region in regions {
        let ec2 = aws_sdk_ec2::Client::new(&crate::in_region(config, region));
        let tagged = aws_sdk_ec2::types::Filter::builder()
            .name("tag-key")
            .values("stackproof:suffix")
            .build();
        let vpcs = (ec2.describe_vpcs().filters(tagged).send().await).map_err(|error| {
            format!(
                "ec2:DescribeVpcs in {region}: {}",
                DisplayErrorContext(&error)
            )
        })?;
        for vpc in vpcs.vpcs() {
            let tag = |key: &str| {
                (vpc.tags().iter())
                    .find(|t| t.key() == Some(key))
                    .and_then(|t| t.value())
                    .map(str::to_string)
            };
            let Some(suffix) = tag("stackproof:suffix") else {
                continue;
            };
            let run = found.entry(suffix.clone()).or_insert_with(|| Run {
                suffix,
                scenario: tag("stackproof:scenario"),
                created: None,
                regions: Vec::new(),
            });
            let created = tag("stackproof:created")
                .and_then(|c| chrono::DateTime::parse_from_rfc3339(&c).ok())
                .map(|c| c.with_timezone(&chrono::Utc));
            // A run spanning regions started when its first VPC did.
            run.created = match (run.created, created) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if !run.regions.contains(&region.to_string()) {
                run.regions.push(region.to_string());
            }
        }
    }
    Ok(found.into_values().collect())
}
