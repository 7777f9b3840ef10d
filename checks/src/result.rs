//! Results: one per check × resource (or per stack), with status and evidence.

use serde::{Deserialize, Serialize};

use crate::inventory::{FetchError, Resource, ResourceRef};

/// The outcome of a check on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// The evidence could not be gathered; never reported as pass.
    Error,
    /// Not applicable: no such resource, or the profile does not ask.
    Skip,
    /// A waiver matched; the underlying status is kept beside it.
    Waived,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 5] = [
        Status::Pass,
        Status::Fail,
        Status::Error,
        Status::Skip,
        Status::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Error => "error",
            Self::Skip => "skip",
            Self::Waived => "waived",
        }
    }
}

/// One observed fact behind a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The attribute read, as a path in the inventory (`ingress[2].cidr_ipv4`).
    pub attribute: String,
    pub observed: serde_json::Value,
    pub expected: String,
    /// The API operation the attribute came from (`ec2:DescribeSecurityGroups`).
    pub source: String,
}

impl Evidence {
    pub fn new(
        attribute: impl Into<String>,
        observed: impl Serialize,
        expected: impl Into<String>,
        source: &str,
    ) -> Self {
        Self {
            attribute: attribute.into(),
            observed: serde_json::to_value(observed).unwrap_or(serde_json::Value::Null),
            expected: expected.into(),
            source: source.to_string(),
        }
    }
}

/// What a check says about one resource, before the engine adds the check id and waivers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub resource: ResourceRef,
    pub status: Status,
    pub message: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn new(resource: ResourceRef, status: Status, message: impl Into<String>) -> Self {
        Self {
            resource,
            status,
            message: message.into(),
            evidence: Vec::new(),
        }
    }

    pub fn pass(resource: ResourceRef, message: impl Into<String>) -> Self {
        Self::new(resource, Status::Pass, message)
    }

    pub fn fail(resource: ResourceRef, message: impl Into<String>) -> Self {
        Self::new(resource, Status::Fail, message)
    }

    pub fn skip(resource: ResourceRef, message: impl Into<String>) -> Self {
        Self::new(resource, Status::Skip, message)
    }

    /// `pass` or `fail` by `ok`, with one message for each.
    pub fn verdict(
        resource: ResourceRef,
        ok: bool,
        pass: impl Into<String>,
        fail: impl Into<String>,
    ) -> Self {
        if ok {
            Self::pass(resource, pass)
        } else {
            Self::fail(resource, fail)
        }
    }

    /// `error`: whether `subject` is the stack's own cannot be told (see `RunMeta::owns`).
    pub fn ownership_unknown(resource: ResourceRef, subject: impl std::fmt::Display) -> Self {
        Self::new(
            resource,
            Status::Error,
            format!(
                "whether {subject} belong(s) to the stack cannot be told: no output names it and \
                 the environment suffix is unknown"
            ),
        )
    }

    /// `error` because a call that should have produced the evidence failed.
    pub fn fetch_error(resource: ResourceRef, attribute: &str, error: &FetchError) -> Self {
        let message = format!(
            "could not read {attribute}: {} failed: {}",
            error.operation, error.message
        );
        Self::new(resource, Status::Error, message).with(Evidence::new(
            attribute,
            serde_json::Value::Null,
            "readable",
            &error.operation,
        ))
    }

    pub fn with(mut self, evidence: Evidence) -> Self {
        self.evidence.push(evidence);
        self
    }

    /// The first fetch error among `attributes` (or on the whole resource) as an `error` finding.
    pub fn unreadable<R: Resource>(resource: &R, attributes: &[&str]) -> Option<Self> {
        let errors = resource.errors();
        std::iter::once("*")
            .chain(attributes.iter().copied())
            .find_map(|attribute| errors.get(attribute).map(|error| (attribute, error)))
            .map(|(attribute, error)| Self::fetch_error(resource.reference(), attribute, error))
    }
}

/// A waiver applied to a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedWaiver {
    pub underlying: Status,
    pub justification: String,
    pub approver: String,
    pub ticket: String,
    pub expires: String,
}

/// Each `fail` and `error` among `results`, one line each: `fail VPC-001 vpc-1: message`.
pub fn fails_and_errors(results: &[CheckResult]) -> Vec<String> {
    (results.iter())
        .filter(|r| matches!(r.status, Status::Fail | Status::Error))
        .map(|r| {
            format!(
                "{} {} {}: {}",
                r.status.as_str(),
                r.check_id,
                r.resource,
                r.message
            )
        })
        .collect()
}

/// A finding with its check id and, when one matched, its waiver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub check_id: String,
    pub resource: ResourceRef,
    pub status: Status,
    pub message: String,
    pub evidence: Vec<Evidence>,
    /// Boxed: few results carry one, and a million results each holding room for it cost
    /// about 100 MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Box<AppliedWaiver>>,
}
