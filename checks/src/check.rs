//! What a check is: metadata (id, title, severity, docs, references, parameters) and a pure
//! function from the evaluation context to findings.

use serde::Serialize;

use crate::context::Context;
use crate::result::Finding;

/// How bad a failure of the check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Info => "info",
        }
    }
}

/// A control or requirement a check helps satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "framework", content = "id")]
pub enum Reference {
    /// AWS Foundational Security Best Practices control, e.g. `S3.8`.
    Fsbp(&'static str),
    /// CIS AWS Foundations Benchmark recommendation, e.g. `5.2`.
    Cis(&'static str),
    /// PCI DSS 4.0 requirement, e.g. `1.3.1`.
    PciDss4(&'static str),
    /// A requirement of a seed scenario: (seed file prefix, the requirement in its words).
    Seed(&'static str, &'static str),
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Fsbp(id) => write!(f, "FSBP {id}"),
            Self::Cis(id) => write!(f, "CIS {id}"),
            Self::PciDss4(id) => write!(f, "PCI DSS 4.0 {id}"),
            Self::Seed(seed, requirement) => write!(f, "Seed {seed}: {requirement}"),
        }
    }
}

/// A check's metadata; `doc` is its doc comment, line by line (rationale, then `# Remediation`).
#[derive(Debug, Serialize)]
pub struct Meta {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    #[serde(skip)]
    pub doc: &'static [&'static str],
    pub references: &'static [Reference],
    /// Profile parameters the check reads (`section.key`); empty for baseline rules.
    pub params: &'static [&'static str],
}

impl Meta {
    /// The domain prefix of the id (`VPC` of `VPC-001`).
    pub fn domain(&self) -> &'static str {
        self.id
            .split_once('-')
            .map_or(self.id, |(domain, _)| domain)
    }

    /// Why the check matters: the doc comment up to `# Remediation`.
    pub fn rationale(&self) -> String {
        self.doc_section(false)
    }

    /// How to fix a failure: the doc comment after `# Remediation`.
    pub fn remediation(&self) -> String {
        self.doc_section(true)
    }

    fn doc_section(&self, remediation: bool) -> String {
        let split = self
            .doc
            .iter()
            .position(|line| line.trim() == "# Remediation")
            .unwrap_or(self.doc.len());
        let lines = if remediation {
            self.doc.get(split + 1..).unwrap_or_default()
        } else {
            &self.doc[..split]
        };
        let text: Vec<&str> = lines
            .iter()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect();
        text.join("\n").trim().to_string()
    }
}

/// A registered check.
pub struct Check {
    pub meta: Meta,
    pub evaluate: fn(&Context) -> Vec<Finding>,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check").field("id", &self.meta.id).finish()
    }
}

/// Declares a check: its doc comment becomes rationale and remediation.
///
/// ```ignore
/// declare_check! {
///     /// Why it matters.
///     ///
///     /// # Remediation
///     /// How to fix it.
///     CHECK {
///         id: "VPC-001",
///         title: "VPC CIDR block is as profiled",
///         severity: Medium,
///         references: [Seed("000", "VPC with CIDR 10.0.0.0/16")],
///         params: ["network.vpc_cidr"],
///         evaluate: evaluate,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            title: $title:literal,
            severity: $severity:ident,
            references: [$($reference:expr),* $(,)?],
            params: [$($param:literal),* $(,)?],
            evaluate: $evaluate:path $(,)?
        }
    ) => {
        pub static $name: $crate::check::Check = $crate::check::Check {
            meta: $crate::check::Meta {
                id: $id,
                title: $title,
                severity: $crate::check::Severity::$severity,
                doc: &[$($doc),*],
                references: &[$($reference),*],
                params: &[$($param),*],
            },
            evaluate: $evaluate,
        };
    };
}
