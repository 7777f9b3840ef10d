//! Errors in the wire format of the request's protocol (JSON, EC2 Query, Query, S3 REST-XML).

use crate::Fault;
use crate::request::Request;

/// The fault as the request's protocol spells an error.
pub fn error_reply(request: &Request, fault: Fault) -> Vec<u8> {
    let (status, code) = fault_code(request, fault);
    let message = format!("injected by the fault proxy: {}", request.operation());
    protocol_error(request, status, code, &message)
}

/// The status and error code the request's protocol answers a fault with.
fn fault_code(request: &Request, fault: Fault) -> (u16, &'static str) {
    let service = request.signing_service();
    let json = request.header("x-amz-target").is_some();
    match (fault, service, json) {
        (Fault::Denied, "ec2", _) => (403, "UnauthorizedOperation"),
        (Fault::Denied, _, true) => (400, "AccessDeniedException"),
        (Fault::Denied, _, false) => (403, "AccessDenied"),
        (Fault::Throttled, "ec2", _) => (503, "RequestLimitExceeded"),
        (Fault::Throttled, "s3", _) => (503, "SlowDown"),
        (Fault::Throttled, _, true) => (400, "ThrottlingException"),
        (Fault::Throttled, _, false) => (400, "Throttling"),
        (Fault::ServerError, "s3", _) => (500, "InternalError"),
        (Fault::Refused(code), _, _) => (400, code),
        (_, _, _) => (500, "InternalFailure"),
    }
}

/// An error answer in the request's protocol.
pub fn protocol_error(request: &Request, status: u16, code: &str, message: &str) -> Vec<u8> {
    let service = request.signing_service();
    let json = request.header("x-amz-target").is_some();
    let (content_type, body) = if json {
        (
            "application/x-amz-json-1.1",
            format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
        )
    } else if service == "ec2" {
        (
            "text/xml",
            format!(
                "<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault</RequestID></Response>"
            ),
        )
    } else if service == "s3" {
        (
            "application/xml",
            format!("<Error><Code>{code}</Code><Message>{message}</Message></Error>"),
        )
    } else {
        (
            "text/xml",
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>"
            ),
        )
    };
    let body = if request.method_and_target().0 == "HEAD" {
        String::new()
    } else {
        body
    };
    format!(
        "HTTP/1.1 {status} Refused\r\nContent-Type: {content_type}\r\nx-amzn-ErrorType: {code}\r\nx-amzn-RequestId: fault\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
