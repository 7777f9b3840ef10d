//! One module per AWS service: SDK calls and the mapping of SDK types into the inventory.

pub mod autoscaling;
pub mod cloudmap;
pub mod cloudwatch;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod elbv2;
pub mod iam;
pub mod kms;
pub mod logs;
pub mod rds;
pub mod s3;
pub mod secrets;
pub mod sns;
pub mod ssm;

use stackproof_checks::inventory::Tags;

/// Tags from any SDK tag type with optional key and value.
pub(crate) fn tags<'a>(
    pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Tags {
    pairs
        .into_iter()
        .filter_map(|(key, value)| Some((key?.to_string(), value.unwrap_or_default().to_string())))
        .collect()
}

pub(crate) fn text(value: Option<&str>) -> String {
    value.unwrap_or_default().to_string()
}

/// Decodes a policy document as IAM returns it (URL-encoded JSON) or as others do (plain JSON).
pub(crate) fn policy_document(raw: &str) -> serde_json::Value {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    serde_json::from_str(&decoded)
        .or_else(|_| serde_json::from_str(raw))
        .unwrap_or_else(|_| serde_json::Value::String(raw.to_string()))
}
