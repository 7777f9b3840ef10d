//! Turning SDK errors into the inventory's `FetchError`, and telling "not found" apart.

use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use stackproof_checks::inventory::FetchError;
use stackproof_clients::errors;

/// A failed call as evidence: `service:Operation`, and `Code: message` in the service's words;
/// a denial also names the IAM action the caller lacks. Errors without a service answer
/// (connection, timeout, credentials) read as their innermost cause, never as a Debug dump.
pub fn fetch_error<E>(operation: &str, error: &E) -> FetchError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let message = match (error.code(), error.message()) {
        (Some(code), message) if errors::is_denied(code) => format!(
            "{code}: {} (the caller lacks the IAM permission {})",
            message.unwrap_or("access denied"),
            crate::permissions::iam_action(operation)
        ),
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        _ => errors::without_service_answer(error),
    };
    FetchError {
        operation: operation.to_string(),
        message,
    }
}

/// Whether the error says the resource does not exist (each service words it differently).
pub fn is_not_found<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(errors::is_not_found)
}

/// Whether the error is S3's or another service's way of saying "this optional configuration is
/// not set" (no encryption, no policy, no lifecycle …): an answer, not a failure.
pub fn is_not_configured<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(errors::is_not_configured)
}
