//! AWS's error vocabulary, once for the collector and the provisioner: which codes say a
//! resource does not exist, that a setting is not configured, that the caller is denied; the
//! code of a raw response however its protocol carries it; one bounded line for any failed call.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// Whether an error code says the resource does not exist (each service words it differently:
/// `InvalidVpcID.NotFound`, `NoSuchBucket`, `ResourceNotFoundException`, `DBClusterNotFoundFault`,
/// `…DoesNotExist…`; S3's HEAD requests answer a bare 404).
pub fn is_not_found(code: &str) -> bool {
    code.contains("NotFound")
        || code.starts_with("NoSuch")
        || code.contains("NotExist")
        || code == "404"
}

/// Whether an error code is S3's or another service's way of saying "this optional
/// configuration is not set" (no encryption, no policy, no lifecycle …): an answer, not a failure.
pub fn is_not_configured(code: &str) -> bool {
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
pub fn is_answer(code: &str) -> bool {
    is_not_found(code) || is_not_configured(code)
}

/// Whether an error code says the caller may not do this.
pub fn is_denied(code: &str) -> bool {
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
    let from_xml = || xml_tag(body, "Code");
    from_header
        .or_else(from_json)
        .or_else(from_xml)
        .unwrap_or_else(|| response.status().as_u16().to_string())
}

/// The text of the first `<name>` element of an XML body.
fn xml_tag(body: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let open = format!("<{name}>");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&format!("</{name}>"))?;
    Some(text[start..end].trim().to_string())
}

/// One line for a failed call: the service's error code and message (`AccessDenied: User … is
/// not authorized …`); for an answer the SDK could not read (an XML error page to a JSON
/// client), its HTTP status and the `<Code>`/`<Message>` in it; else what happened and its
/// innermost cause ([`without_service_answer`]). Never longer than 300 characters.
pub fn one_line<E: ProvideErrorMetadata + std::error::Error + 'static>(
    error: &SdkError<E, HttpResponse>,
) -> String {
    let line = match (error.code(), error.message(), error.raw_response()) {
        (Some(code), Some(message), _) => format!("{code}: {message}"),
        (Some(code), None, _) => code.to_string(),
        (None, _, Some(raw)) => {
            let body = raw.body().bytes().unwrap_or_default();
            let said: Vec<String> = [xml_tag(body, "Code"), xml_tag(body, "Message")]
                .into_iter()
                .flatten()
                .collect();
            format!("HTTP {} {}", raw.status().as_u16(), said.join(": "))
        }
        _ => without_service_answer(error),
    };
    bounded(&line)
}

/// An error the service never answered: what happened (the SDK's outermost words) and why (the
/// innermost cause), e.g. "dispatch failure: Connection refused (os error 111)"; one line of at
/// most 300 characters, never a Debug dump.
pub fn without_service_answer(error: &(dyn std::error::Error + 'static)) -> String {
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
    bounded(&text)
}

/// One line (whitespace runs as one space), cut at 300 characters.
fn bounded(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_services_words_for_not_found_denied_and_not_configured() {
        for code in [
            "InvalidVpcID.NotFound",
            "NatGatewayNotFound",
            "NoSuchBucket",
            "NoSuchEntity",
            "ResourceNotFoundException",
            "DBClusterNotFoundFault",
            "404",
        ] {
            assert!(is_not_found(code), "{code}");
        }
        for code in [
            "AccessDenied",
            "ThrottlingException",
            "DependencyViolation",
            "500",
        ] {
            assert!(!is_not_found(code), "{code}");
        }
        assert!(is_denied("UnauthorizedOperation") && !is_denied("Throttling"));
        assert!(is_not_configured("NoSuchBucketPolicy") && is_answer("NoSuchBucketPolicy"));
        assert!(!is_answer("AccessDenied"));
    }

    #[test]
    fn a_line_is_one_line_and_bounded() {
        let long = format!("a\n{}", "b ".repeat(400));
        let line = bounded(&long);
        assert!(
            !line.contains('\n') && line.chars().count() <= 301,
            "{line}"
        );
    }
}
