//! S3: per bucket, the configuration calls the API forces (one per setting), run concurrently.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use stackproof_checks::inventory::{
    Bucket, BucketEncryption, FetchErrors, LifecycleRule, LifecycleTransition, MissingResource,
    PublicAccessBlock,
};

use super::{policy_document, tags};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_configured, is_not_found};

/// `Ok(None)` for "not configured", `Err` for a real failure.
fn optional<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    operation: &str,
    result: Result<T, E>,
) -> Result<Option<T>, stackproof_checks::inventory::FetchError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if is_not_configured(&error) => Ok(None),
        Err(error) => Err(fetch_error(operation, &error)),
    }
}

/// moto (5.2.x) names the root element of GetBucketVersioning `GetBucketVersioningResponse`
/// instead of `VersioningConfiguration`, which the Rust SDK rejects. The body is otherwise
/// right, so the status is read from it; any other failure stays a failure.
fn moto_versioning_status<E>(error: &SdkError<E, HttpResponse>) -> Option<Option<String>> {
    let body = std::str::from_utf8(error.raw_response()?.body().bytes()?).ok()?;
    if !body.contains("<GetBucketVersioningResponse") {
        return None;
    }
    let status = body
        .split_once("<Status>")
        .and_then(|(_, rest)| rest.split_once("</Status>"))
        .map(|(status, _)| status.to_string());
    Some(status.filter(|s| !s.is_empty()))
}

pub async fn collect(clients: &Clients, name: &str) -> Result<Bucket, MissingResource> {
    let s3 = &clients.s3;
    if let Err(error) = s3.head_bucket().bucket(name).send().await {
        let missing = error.as_service_error().is_some_and(|e| e.is_not_found())
            || error
                .raw_response()
                .is_some_and(|r| r.status().as_u16() == 404);
        if missing || is_not_found(&error) {
            return Err(MissingResource {
                kind: "s3-bucket".into(),
                id: name.to_string(),
                output_key: None,
                operation: "s3:HeadBucket".into(),
            });
        }
        // Not missing, but not reachable either: nothing else about it can be read.
        return Ok(Bucket {
            name: name.to_string(),
            errors: FetchErrors::from([("*".to_string(), fetch_error("s3:HeadBucket", &error))]),
            ..Bucket::default()
        });
    }
    let (encryption, versioning, access, lifecycle, policy, ownership, logging, tagging) = tokio::join!(
        s3.get_bucket_encryption().bucket(name).send(),
        s3.get_bucket_versioning().bucket(name).send(),
        s3.get_public_access_block().bucket(name).send(),
        s3.get_bucket_lifecycle_configuration().bucket(name).send(),
        s3.get_bucket_policy().bucket(name).send(),
        s3.get_bucket_ownership_controls().bucket(name).send(),
        s3.get_bucket_logging().bucket(name).send(),
        s3.get_bucket_tagging().bucket(name).send(),
    );
    let mut bucket = Bucket {
        name: name.to_string(),
        ..Bucket::default()
    };
    let mut errors = FetchErrors::new();
    let mut record = |attribute: &str, error| {
        errors.insert(attribute.to_string(), error);
    };
    match optional("s3:GetBucketEncryption", encryption) {
        Ok(output) => {
            bucket.encryption = output
                .and_then(|o| {
                    o.server_side_encryption_configuration()
                        .and_then(|c| c.rules().first().cloned())
                })
                .and_then(|rule| {
                    let default = rule.apply_server_side_encryption_by_default()?;
                    Some(BucketEncryption {
                        algorithm: default.sse_algorithm().as_str().to_string(),
                        kms_key_id: default.kms_master_key_id().map(str::to_string),
                        bucket_key_enabled: rule.bucket_key_enabled().unwrap_or(false),
                    })
                })
        }
        Err(error) => record("encryption", error),
    }
    let versioning = match versioning {
        Err(error) if let Some(status) = moto_versioning_status(&error) => Ok(status),
        other => optional("s3:GetBucketVersioning", other)
            .map(|o| o.and_then(|o| o.status().map(|s| s.as_str().to_string()))),
    };
    match versioning {
        Ok(status) => bucket.versioning = status,
        Err(error) => record("versioning", error),
    }
    match optional("s3:GetPublicAccessBlock", access) {
        Ok(output) => {
            bucket.public_access_block = output
                .and_then(|o| o.public_access_block_configuration().cloned())
                .map(|c| PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                })
        }
        Err(error) => record("public_access_block", error),
    }
    match optional("s3:GetBucketLifecycleConfiguration", lifecycle) {
        Ok(output) => {
            bucket.lifecycle_rules = output
                .map(|o| {
                    o.rules()
                        .iter()
                        .map(|r| LifecycleRule {
                            id: r.id().map(str::to_string),
                            enabled: r.status().as_str() == "Enabled",
                            transitions: r
                                .transitions()
                                .iter()
                                .map(|t| LifecycleTransition {
                                    days: t.days(),
                                    storage_class: t
                                        .storage_class()
                                        .map(|c| c.as_str().to_string())
                                        .unwrap_or_default(),
                                })
                                .collect(),
                            expiration_days: r.expiration().and_then(|e| e.days()),
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
        Err(error) => record("lifecycle_rules", error),
    }
    match optional("s3:GetBucketPolicy", policy) {
        Ok(output) => bucket.policy = output.and_then(|o| o.policy().map(policy_document)),
        Err(error) => record("policy", error),
    }
    match optional("s3:GetBucketOwnershipControls", ownership) {
        Ok(output) => {
            bucket.object_ownership = output.and_then(|o| {
                o.ownership_controls().and_then(|c| {
                    c.rules()
                        .first()
                        .map(|r| r.object_ownership().as_str().to_string())
                })
            })
        }
        Err(error) => record("object_ownership", error),
    }
    match optional("s3:GetBucketLogging", logging) {
        Ok(output) => {
            bucket.logging_target =
                output.and_then(|o| o.logging_enabled().map(|l| l.target_bucket().to_string()))
        }
        Err(error) => record("logging_target", error),
    }
    match optional("s3:GetBucketTagging", tagging) {
        Ok(output) => {
            bucket.tags = output
                .map(|o| tags(o.tag_set().iter().map(|t| (Some(t.key()), Some(t.value())))))
                .unwrap_or_default()
        }
        Err(error) => record("tags", error),
    }
    bucket.errors = errors;
    Ok(bucket)
}
