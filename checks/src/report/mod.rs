//! Reports: one [`RunReport`] (results, the metadata of the checks behind them, run metadata)
//! and pure renderers of it — JSON, JUnit XML, SARIF 2.1.0, Markdown and a self-contained HTML
//! page — plus [`write_reports`], which writes the chosen formats and a `MANIFEST.sha256`.
//!
//! Renderers read no clock and no environment: the report carries its own timestamp, so golden
//! tests compare output byte for byte.

mod chart;
mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod write;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::{Meta, Reference};
use crate::engine::Evaluation;
use crate::inventory::RunMeta;
use crate::result::{CheckResult, Status};
use crate::waiver::Waiver;

pub use html::ROWS_PER_CHECK as HTML_ROWS_PER_CHECK;
pub use write::{MANIFEST, ReportError, report_files, write_reports};

/// Version of the report JSON format (`report.json`); bumped on incompatible changes.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// Everything one `check` or `run` produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub schema_version: u32,
    pub tool_version: String,
    pub run_id: String,
    /// When the report was made (RFC 3339), given by the caller.
    pub generated_at: String,
    pub stacks: Vec<StackReport>,
    /// Every check the results name, by id.
    pub checks: Vec<CheckInfo>,
}

/// One stack (a scenario, an environment of one, or one outputs file) and its results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackReport {
    pub name: String,
    pub profile: String,
    /// Target, account, region, outputs file, API calls, phase times.
    pub meta: RunMeta,
    pub results: Vec<CheckResult>,
    pub expired_waivers: Vec<Waiver>,
    /// Waivers in force that matched no failing result.
    #[serde(default)]
    pub unused_waivers: Vec<Waiver>,
}

/// A check's metadata, owned, as reports need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInfo {
    pub id: String,
    pub title: String,
    pub severity: String,
    pub domain: String,
    pub references: Vec<ReferenceInfo>,
    pub params: Vec<String>,
    pub rationale: String,
    pub remediation: String,
}

/// A reference: framework (`FSBP`, `CIS`, `PCI DSS 4.0`, `Seed 000`) and control or requirement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReferenceInfo {
    pub framework: String,
    pub id: String,
}

impl From<&Reference> for ReferenceInfo {
    fn from(reference: &Reference) -> Self {
        let (framework, id) = match reference {
            Reference::Fsbp(id) => ("FSBP".to_string(), id.to_string()),
            Reference::Cis(id) => ("CIS".to_string(), id.to_string()),
            Reference::PciDss4(id) => ("PCI DSS 4.0".to_string(), id.to_string()),
            Reference::Seed(seed, text) => (format!("Seed {seed}"), text.to_string()),
        };
        Self { framework, id }
    }
}

impl CheckInfo {
    pub fn of(meta: &Meta) -> Self {
        Self {
            id: meta.id.to_string(),
            title: meta.title.to_string(),
            severity: meta.severity.as_str().to_string(),
            domain: meta.domain().to_string(),
            references: meta.references.iter().map(ReferenceInfo::from).collect(),
            params: meta.params.iter().map(|p| p.to_string()).collect(),
            rationale: meta.rationale(),
            remediation: meta.remediation(),
        }
    }
}

impl StackReport {
    pub fn new(name: &str, profile: &str, meta: RunMeta, evaluation: Evaluation) -> Self {
        Self {
            name: name.to_string(),
            profile: profile.to_string(),
            meta,
            results: evaluation.results,
            expired_waivers: evaluation.expired_waivers,
            unused_waivers: evaluation.unused_waivers,
        }
    }

    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

impl RunReport {
    /// A report of `stacks`, with the metadata of every check their results name.
    pub fn new(
        tool_version: &str,
        run_id: &str,
        generated_at: &str,
        stacks: Vec<StackReport>,
        metas: &[&Meta],
    ) -> Self {
        let named: std::collections::HashSet<&str> = stacks
            .iter()
            .flat_map(|s| s.results.iter().map(|r| r.check_id.as_str()))
            .collect();
        let mut checks: Vec<CheckInfo> = metas
            .iter()
            .filter(|meta| named.contains(meta.id))
            .map(|meta| CheckInfo::of(meta))
            .collect();
        checks.sort_by(|a, b| a.id.cmp(&b.id));
        Self {
            schema_version: REPORT_SCHEMA_VERSION,
            tool_version: tool_version.to_string(),
            run_id: run_id.to_string(),
            generated_at: generated_at.to_string(),
            stacks,
            checks,
        }
    }

    /// The metadata of check `id` (`checks` is sorted by id; a report read from elsewhere
    /// that is not is still searched).
    pub fn check(&self, id: &str) -> Option<&CheckInfo> {
        match self.checks.binary_search_by(|c| c.id.as_str().cmp(id)) {
            Ok(index) => Some(&self.checks[index]),
            Err(_) => self.checks.iter().find(|c| c.id == id),
        }
    }

    /// Results of every stack, with the stack each belongs to.
    pub fn results(&self) -> impl Iterator<Item = (&StackReport, &CheckResult)> {
        self.stacks
            .iter()
            .flat_map(|stack| stack.results.iter().map(move |r| (stack, r)))
    }

    pub fn count(&self, status: Status) -> usize {
        self.results().filter(|(_, r)| r.status == status).count()
    }

    /// Status → count, over every stack.
    pub fn counts(&self) -> BTreeMap<Status, usize> {
        let mut counts = BTreeMap::new();
        for (_, result) in self.results() {
            *counts.entry(result.status).or_default() += 1;
        }
        counts
    }

    /// The exit code the report calls for: 0 all pass (skips and valid waivers allowed), 1 any
    /// fail, 3 errors kept something from being verified (and nothing failed), or nothing was
    /// verified at all (every result a skip).
    pub fn exit_code(&self) -> u8 {
        if self.count(Status::Fail) > 0 {
            1
        } else if self.count(Status::Error) > 0 || self.nothing_verified() {
            3
        } else {
            0
        }
    }

    /// Whether no check judged anything: every result is a skip (an empty inventory, outputs
    /// with nothing stackproof can collect).
    pub fn nothing_verified(&self) -> bool {
        self.results().all(|(_, r)| r.status == Status::Skip)
    }
}

/// The report formats, as named on the command line and in file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Junit,
    Sarif,
    Markdown,
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Junit,
        Format::Sarif,
        Format::Markdown,
        Format::Html,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Self::Json => "report.json",
            Self::Junit => "junit.xml",
            Self::Sarif => "results.sarif",
            Self::Markdown => "summary.md",
            Self::Html => "report.html",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Junit => "junit",
            Self::Sarif => "sarif",
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name) || (name == "md" && *f == Self::Markdown))
    }

    /// Renders `report` in this format.
    pub fn render(self, report: &RunReport) -> String {
        let mut bytes = Vec::new();
        self.write_to(report, &mut bytes)
            .expect("writing into memory cannot fail");
        String::from_utf8(bytes).expect("every renderer writes UTF-8")
    }

    /// Writes `report` in this format to `out`, streamed where the format allows it (JSON,
    /// JUnit, SARIF), so a report of a million results is never held twice in memory.
    pub fn write_to(self, report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Self::Json => json::write(report, out),
            Self::Junit => junit::write(report, out),
            Self::Sarif => sarif::write(report, out),
            Self::Markdown => {
                out.write_all(markdown::render(report, markdown::COMMENT_LIMIT).as_bytes())
            }
            Self::Html => out.write_all(html::render(report).as_bytes()),
        }
    }
}

/// `observed → expected` for each piece of evidence, one per line (secret values never enter
/// evidence).
pub(crate) fn evidence_lines(result: &CheckResult) -> String {
    result
        .evidence
        .iter()
        .map(|e| {
            format!(
                "{}: observed {} · expected {} · from {}",
                e.attribute,
                crate::words::words(&e.observed),
                e.expected,
                e.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl RunReport {
    /// One report of several (shards of a CI run: scenarios, accounts, regions): their stacks
    /// and checks together. A stack present in several shards with the same results counts once;
    /// one whose results differ is kept from each shard, named after it (`name [shard]`).
    pub fn merge(
        shards: Vec<(String, RunReport)>,
        tool_version: &str,
        run_id: &str,
        generated_at: &str,
    ) -> RunReport {
        let mut stacks: Vec<StackReport> = Vec::new();
        let mut checks: BTreeMap<String, CheckInfo> = BTreeMap::new();
        for (shard, report) in shards {
            for check in report.checks {
                checks.entry(check.id.clone()).or_insert(check);
            }
            for mut stack in report.stacks {
                match stacks.iter().find(|s| s.name == stack.name) {
                    Some(same) if same.results == stack.results => continue,
                    Some(_) => stack.name = format!("{} [{shard}]", stack.name),
                    None => {}
                }
                stacks.push(stack);
            }
        }
        RunReport {
            schema_version: REPORT_SCHEMA_VERSION,
            tool_version: tool_version.to_string(),
            run_id: run_id.to_string(),
            generated_at: generated_at.to_string(),
            stacks,
            checks: checks.into_values().collect(),
        }
    }
}
