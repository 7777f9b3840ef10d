//! Turning SDK errors into the inventory's `FetchError`, and telling "not found" apart.

use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use stackproof_checks::inventory::FetchError;

/// A failed call as evidence: `service:Operation`, and `Code: message` in the service's words;
/// a denial also names the IAM action the caller lacks. Errors without a service answer
/// (connection, timeout, credentials) read as their innermost cause, never as a Debug dump.
pub fn fetch_error<E>(operation: &str, error: &E) -> FetchError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let message = match (error.code(), error.message()) {
        (Some(code), message) if is_denial(code) => format!(
            "{code}: {} (the caller lacks the IAM permission {})",
            message.unwrap_or("access denied"),
            crate::permissions::iam_action(operation)
        ),
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        _ => without_service_answer(error),
    };
    FetchError {
        operation: operation.to_string(),
        message,
    }
}

/// Whether an error code says the caller may not do this.
fn is_denial(code: &str) -> bool {
    matches!(
        code,
        "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "UnauthorizedAccess"
            | "AuthorizationError"
            | "AuthorizationErrorException"
    )
}

/// An error the service never answered: what happened (the SDK's outermost words) and why (the
/// innermost cause), e.g. "dispatch failure: Connection refused (os error 111)".
pub(crate) fn without_service_answer(error: &(dyn std::error::Error + 'static)) -> String {
    let mut innermost = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    let outer = error.to_string();
    let inner = innermost.to_string();
    let text = if std::ptr::addr_eq(innermost, error) || outer == inner {
        outer
    } else {
        format!("{outer}: {inner}")
    };
    // One line, bounded: a message, not a dump.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Whether the error says the resource does not exist (each service words it differently).
pub fn is_not_found<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(is_not_found_code)
}

fn is_not_found_code(code: &str) -> bool {
    code.contains("NotFound")
        || code.starts_with("NoSuch")
        || code == "ResourceNotFoundException"
        || code == "404"
}

/// Whether the error is S3's or another service's way of saying "this optional configuration is
/// not set" (no encryption, no policy, no lifecycle …): an answer, not a failure.
pub fn is_not_configured<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code().is_some_and(is_not_configured_code)
}

fn is_not_configured_code(code: &str) -> bool {
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
}

/// Whether an error code is an answer ("not found", "not configured") rather than a failure.
pub fn is_answer_code(code: &str) -> bool {
    is_not_found_code(code) || is_not_configured_code(code)
}

/// The error code of a failed response, however the protocol carries it: the
/// `x-amzn-ErrorType` header (REST-JSON), `__type` or `code` (JSON), `<Code>` (XML); the HTTP
/// status when the body names none (S3's HEAD requests answer 404 with no body).
pub fn error_code(response: &aws_smithy_runtime_api::http::Response) -> String {
    let from_header = response
        .headers()
        .get("x-amzn-errortype")
        .map(|value| value.split(':').next().unwrap_or(value).to_string());
    let body = response.body().bytes().unwrap_or_default();
    let from_json = || {
        let json: serde_json::Value = serde_json::from_slice(body).ok()?;
        let code = ["__type", "code", "Code"]
            .iter()
            .find_map(|key| json.get(key).and_then(|v| v.as_str()))?;
        Some(code.rsplit('#').next().unwrap_or(code).to_string())
    };
    let from_xml = || {
        let text = std::str::from_utf8(body).ok()?;
        let start = text.find("<Code>")? + "<Code>".len();
        let end = start + text[start..].find("</Code>")?;
        Some(text[start..end].trim().to_string())
    };
    from_header
        .or_else(from_json)
        .or_else(from_xml)
        .unwrap_or_else(|| response.status().as_u16().to_string())
}
