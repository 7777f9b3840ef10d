//! Encryption at rest: S3, Aurora, log groups, secrets, SNS, and KMS key rotation.

pub mod enc_001_s3_default_encryption;
pub mod enc_002_s3_customer_key;
pub mod enc_003_aurora_encrypted;
pub mod enc_004_aurora_customer_key;
pub mod enc_005_log_groups_kms;
pub mod enc_006_secrets_customer_key;
pub mod enc_007_sns_customer_key;
pub mod enc_008_kms_rotation;

use crate::context::Context;
use crate::inventory::ResourceRef;
use crate::result::{Evidence, Finding, Status};

/// Judges a KMS key reference: `pass` for a customer-managed key, `fail` for none or an
/// AWS-managed one, `error` when the key is not in the inventory and the reference does not tell.
fn judge_customer_key(
    ctx: &Context,
    resource: ResourceRef,
    key: Option<&str>,
    attribute: &str,
    source: &str,
) -> Finding {
    let evidence = Evidence::new(attribute, key, "a customer-managed KMS key", source);
    let finding = match key {
        None => Finding::fail(resource, "no KMS key"),
        Some(key) => match ctx.is_customer_key(key) {
            Some(true) => Finding::pass(resource, format!("customer-managed key {key}")),
            Some(false) => Finding::fail(resource, format!("AWS-managed key {key}")),
            None => Finding::new(
                resource,
                Status::Error,
                format!("key {key} is not in the inventory; its manager is unknown"),
            ),
        },
    };
    finding.with(evidence)
}
