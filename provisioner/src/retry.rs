//! What provisioning retries beyond the SDK's own transient errors: AWS's answers while what the
//! run just created is not yet visible everywhere. EC2's API is eventually consistent (a request
//! naming an id created a moment ago may answer that it does not exist: "Eventual consistency"
//! in the Amazon EC2 API Reference), and a new IAM role is unknown for a while to the services
//! that check a principal or assume it (IAM User Guide, "Changes that I make are not always
//! immediately visible"). These answers are retried with the SDK's backoff, within its attempts;
//! teardown does not use this: there, "does not exist" means gone.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction};

/// The retry classifier every provisioning client carries.
#[derive(Debug, Default, Clone, Copy)]
pub struct NotYetVisible;

/// `(code, words of the message)` of each service's answer naming a role it does not know yet.
const NOT_PROPAGATED: [(&str, &str); 5] = [
    ("MalformedPolicyDocumentException", "invalid principal"),
    ("MalformedPolicy", "invalid principal"),
    ("InvalidParameterException", "unable to assume role"),
    ("ValidationException", "unable to assume iam role"),
    ("InvalidParameterValue", "iam role arn value is invalid"),
];

/// Whether an error answer is one of those.
pub fn not_yet_visible(code: &str, message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    let ec2_unknown_id = (code.starts_with("Invalid") && code.ends_with(".NotFound"))
        || code == "NatGatewayNotFound";
    ec2_unknown_id
        || (NOT_PROPAGATED.iter()).any(|(c, words)| code == *c && message.contains(words))
}

/// The error code and message of an answer's body: the Query protocols' XML `<Code>` and
/// `<Message>`, or the JSON protocols' `__type` (after any `#`) and `message`.
fn code_and_message(body: &[u8]) -> Option<(String, String)> {
    let text = std::str::from_utf8(body).ok()?;
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        let code = json["__type"].as_str()?;
        let code = code.rsplit('#').next().unwrap_or(code).to_string();
        let message = (json["message"].as_str()).or(json["Message"].as_str());
        return Some((code, message.unwrap_or_default().to_string()));
    }
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{name}>"))? + start;
        Some(text[start..end].to_string())
    };
    Some((tag("Code")?, tag("Message").unwrap_or_default()))
}

impl ClassifyRetry for NotYetVisible {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        if response.status().is_success() {
            return RetryAction::NoActionIndicated;
        }
        let said = response.body().bytes().and_then(code_and_message);
        match said {
            Some((code, message)) if not_yet_visible(&code, &message) => {
                tracing::debug!("not visible yet, retrying: {code}: {message}");
                RetryAction::transient_error()
            }
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "NotYetVisible"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_new_ids_and_unpropagated_roles_are_retried_nothing_else() {
        let ec2 = b"<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code><Message>The subnet ID 'subnet-1' does not exist</Message></Error></Errors></Response>";
        let (code, message) = code_and_message(ec2).unwrap();
        assert!(not_yet_visible(&code, &message));
        let kms = br#"{"__type":"MalformedPolicyDocumentException","message":"Policy contains a statement with one or more invalid principals."}"#;
        let (code, message) = code_and_message(kms).unwrap();
        assert!(not_yet_visible(&code, &message));
        let ecs = br#"{"__type":"com.amazonaws#InvalidParameterException","message":"Unable to assume role and validate the specified targetGroupArn."}"#;
        let (code, message) = code_and_message(ecs).unwrap();
        assert_eq!(code, "InvalidParameterException");
        assert!(not_yet_visible(&code, &message));
        // The same codes for other reasons are the caller's mistakes, not retried.
        assert!(!not_yet_visible(
            "InvalidParameterException",
            "Invalid weight"
        ));
        assert!(!not_yet_visible(
            "MalformedPolicyDocumentException",
            "Invalid JSON"
        ));
        assert!(!not_yet_visible("AccessDenied", "denied"));
        assert!(!not_yet_visible("InvalidParameterValue", "bad CIDR"));
    }
}
