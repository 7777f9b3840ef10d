//! Turning SDK errors into the inventory's `FetchError`, and telling "not found" apart.

use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use stackproof_checks::inventory::FetchError;

/// A failed call as evidence: `service:Operation`, the error code and message.
pub fn fetch_error<E>(operation: &str, error: &E) -> FetchError
where
    E: ProvideErrorMetadata + std::error::Error,
{
    let message = match (error.code(), error.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        _ => DisplayErrorContext(error).to_string(),
    };
    FetchError {
        operation: operation.to_string(),
        message,
    }
}

/// Whether the error says the resource does not exist (each service words it differently).
pub fn is_not_found<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(|code| {
        code.contains("NotFound")
            || code.starts_with("NoSuch")
            || code == "ResourceNotFoundException"
            || code == "404"
    })
}

/// Whether the error is S3's or another service's way of saying "this optional configuration is
/// not set" (no encryption, no policy, no lifecycle …): an answer, not a failure.
pub fn is_not_configured<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(|code| {
        matches!(
            code,
            "ServerSideEncryptionConfigurationNotFoundError"
                | "NoSuchBucketPolicy"
                | "NoSuchLifecycleConfiguration"
                | "NoSuchPublicAccessBlockConfiguration"
                | "OwnershipControlsNotFoundError"
                | "NoSuchTagSet"
                | "NoSuchTagSetError"
        )
    })
}
