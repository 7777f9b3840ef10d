//! Waivers: accepted exceptions, each with a justification, an approver, a ticket and an expiry.
//!
//! ```toml
//! [[waiver]]
//! check = "SG-001"
//! resource = "sg-0abc*"          # glob over the resource id
//! justification = "Public health endpoint, reviewed"
//! approver = "jane.doe@example.com"
//! ticket = "SEC-123"
//! expires = 2027-03-31
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use globset::{Glob, GlobMatcher};
use serde::{Deserialize, Serialize};

use crate::result::{AppliedWaiver, CheckResult, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub check: String,
    /// Glob over the resource id (`*` for every resource).
    pub resource: String,
    pub justification: String,
    pub approver: String,
    pub ticket: String,
    #[serde(deserialize_with = "date")]
    pub expires: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    #[serde(default)]
    waiver: Vec<Waiver>,
}

/// `expires` as a TOML date (`2027-03-31`) or a string holding one.
fn date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Input {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Input::deserialize(deserializer)? {
        Input::Toml(datetime) => datetime.to_string(),
        Input::Text(text) => text,
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

#[derive(Debug, thiserror::Error)]
pub enum WaiverError {
    #[error("cannot read waivers {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid waivers {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Parses a waiver file; every field is required, the check ids must be known, patterns valid.
pub fn parse_waivers(
    text: &str,
    path: &Path,
    known_checks: &[&str],
) -> Result<Vec<Waiver>, WaiverError> {
    let invalid = |message: String| WaiverError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let file: WaiverFile = toml::from_str(text).map_err(|error| WaiverError::Invalid {
        path: path.to_path_buf(),
        message: crate::toml_error::one_line(text, &error),
    })?;
    for (index, waiver) in file.waiver.iter().enumerate() {
        if !known_checks.contains(&waiver.check.as_str()) {
            return Err(invalid(format!(
                "waiver[{index}]: unknown check `{}`",
                waiver.check
            )));
        }
        Glob::new(&waiver.resource)
            .map_err(|error| invalid(format!("waiver[{index}].resource: {error}")))?;
        for (field, value) in [
            ("justification", &waiver.justification),
            ("approver", &waiver.approver),
            ("ticket", &waiver.ticket),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(format!("waiver[{index}].{field} is empty")));
            }
        }
    }
    Ok(file.waiver)
}

pub fn load_waivers(path: &Path, known_checks: &[&str]) -> Result<Vec<Waiver>, WaiverError> {
    let text = std::fs::read_to_string(path).map_err(|source| WaiverError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_waivers(&text, path, known_checks)
}

/// Marks matching results `waived` (keeping their status as `underlying`); returns the waivers
/// that have expired by `today`, which apply to nothing.
/// What applying waivers found besides the waived results.
#[derive(Debug, Default)]
pub(crate) struct WaiverOutcome {
    /// Waivers that matched nothing because they have expired.
    pub expired: Vec<Waiver>,
    /// Waivers in force that matched no failing result (stale, or a typo in check or resource).
    pub unused: Vec<Waiver>,
}

/// Waives the `fail` results a waiver in force matches. Only fails: a waiver accepts a known
/// violation, it cannot turn an unverified (`error`) or passing result into anything else.
pub(crate) fn apply_waivers(
    results: &mut [CheckResult],
    waivers: &[Waiver],
    today: NaiveDate,
) -> WaiverOutcome {
    let (active, expired): (Vec<&Waiver>, Vec<&Waiver>) =
        waivers.iter().partition(|waiver| waiver.expires >= today);
    let matchers: Vec<(&Waiver, GlobMatcher)> = active
        .into_iter()
        .filter_map(|waiver| {
            Glob::new(&waiver.resource)
                .ok()
                .map(|glob| (waiver, glob.compile_matcher()))
        })
        .collect();
    let mut used = vec![false; matchers.len()];
    for result in results
        .iter_mut()
        .filter(|result| result.status == Status::Fail)
    {
        let matched = matchers.iter().position(|(waiver, matcher)| {
            waiver.check == result.check_id && matcher.is_match(&result.resource.id)
        });
        if let Some(index) = matched {
            let waiver = matchers[index].0;
            used[index] = true;
            result.waiver = Some(Box::new(AppliedWaiver {
                underlying: result.status,
                justification: waiver.justification.clone(),
                approver: waiver.approver.clone(),
                ticket: waiver.ticket.clone(),
                expires: waiver.expires.to_string(),
            }));
            result.status = Status::Waived;
        }
    }
    WaiverOutcome {
        expired: expired.into_iter().cloned().collect(),
        unused: (matchers.iter().zip(used))
            .filter(|(_, used)| !used)
            .map(|((waiver, _), _)| (*waiver).clone())
            .collect(),
    }
}
