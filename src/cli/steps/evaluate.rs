//! Judging an inventory: reading a saved one, evaluating it against a profile, and the console's
//! summary of the results.

use std::path::Path;

use anyhow::Result;
use stackproof_checks::engine::{Evaluation, evaluate};
use stackproof_checks::inventory::{Inventory, RunMeta};
use stackproof_checks::profile::{parameter_lines, profile_text};
use stackproof_checks::registry::{self, REGISTRY};
use stackproof_checks::result::Status;

use crate::cli::UsageError;

/// Records the profile file (not a built-in profile) and the line of each parameter it sets,
/// so SARIF can point a result about a profiled value at the line that asked for it.
pub fn note_profile_file(meta: &mut RunMeta, profile: &str, dir: &Path) {
    let Ok((path, text)) = profile_text(profile, dir) else {
        return;
    };
    if path.is_file() {
        meta.profile_file = Some(path.display().to_string());
        meta.profile_lines = parameter_lines(&text);
    }
}

/// Evaluates every check as of today, recording the time taken as the `evaluate` phase.
pub fn evaluate_timed(
    inventory: &mut Inventory,
    profile: &stackproof_checks::profile::Profile,
    waivers: &[stackproof_checks::waiver::Waiver],
) -> Evaluation {
    let started = std::time::Instant::now();
    let today = chrono::Local::now().date_naive();
    let evaluation = evaluate(inventory, profile, REGISTRY, waivers, today);
    inventory
        .meta
        .phase_ms
        .insert("evaluate".into(), started.elapsed().as_millis() as u64);
    evaluation
}

/// Reads and validates an inventory, naming the file and the offending key on error. Every
/// problem is the input's: exit 2, like a bad outputs file.
pub fn read_inventory(path: &Path) -> Result<Inventory> {
    let bytes = std::fs::read(path).map_err(|error| {
        UsageError(format!("cannot read inventory {}: {error}", path.display()))
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        UsageError(format!(
            "invalid inventory {}: not UTF-8 text (byte {})",
            path.display(),
            error.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // The plain parser first (about twice as fast); only a file it rejects is parsed again,
    // tracking the path, to name the offending key.
    let inventory: Inventory = match serde_json::from_str(text) {
        Ok(inventory) => inventory,
        Err(plain) => {
            let deserializer = &mut serde_json::Deserializer::from_str(text);
            let problem = match serde_path_to_error::deserialize::<_, Inventory>(deserializer) {
                Err(error) => format!("at `{}`: {}", error.path(), error.inner()),
                Ok(_) => plain.to_string(),
            };
            return Err(
                UsageError(format!("invalid inventory {}: {problem}", path.display())).into(),
            );
        }
    };
    inventory.validate().map_err(|problem| {
        UsageError(format!("invalid inventory {}: {problem}", path.display()))
    })?;
    // The meta says what the collection could not read or did not read; without it a gap in
    // the inventory would read as a resource with nothing wrong.
    if inventory.meta.target.is_empty() {
        return Err(UsageError(format!(
            "invalid inventory {}: no `meta.target`: an inventory keeps its run's meta (target, \
             failed and skipped reads), without which a gap could read as a pass; save one with \
             `stackproof check --save-inventory` or `stackproof collect --out`",
            path.display()
        ))
        .into());
    }
    Ok(inventory)
}

/// One result on one line: status, check, severity, title, resource, message.
fn result_line(result: &stackproof_checks::result::CheckResult) -> String {
    let check = registry::find(&result.check_id)
        .map(|c| (c.meta.severity.as_str(), c.meta.title))
        .unwrap_or(("?", "?"));
    format!(
        "{:<6} {} [{}] {} — {}: {}\n",
        result.status.as_str().to_uppercase(),
        result.check_id,
        check.0,
        check.1,
        result.resource,
        result.message
    )
}

/// The `error` results, the same cause printed once with a count and the checks it touched
/// (each result keeps its own message in the reports).
fn error_lines(evaluation: &Evaluation) -> String {
    let mut causes: Vec<(&str, Vec<&stackproof_checks::result::CheckResult>)> = Vec::new();
    for result in evaluation
        .results
        .iter()
        .filter(|r| r.status == Status::Error)
    {
        let cause = result
            .message
            .split("; from what was seen")
            .next()
            .unwrap_or("");
        match causes.iter_mut().find(|(known, _)| *known == cause) {
            Some((_, results)) => results.push(result),
            None => causes.push((cause, vec![result])),
        }
    }
    let mut text = String::new();
    for (cause, results) in causes {
        if let [result] = results[..] {
            text += &result_line(result);
            continue;
        }
        let mut checks: Vec<&str> = results.iter().map(|r| r.check_id.as_str()).collect();
        checks.dedup();
        let shown = checks
            .iter()
            .take(8)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = checks.len().saturating_sub(8);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        text += &format!("ERROR  ×{} {cause} — {shown}{more}\n", results.len());
    }
    text
}

/// The console summary: counts by status, then every fail and waived result, and the errors
/// grouped by cause.
pub fn summary(evaluation: &Evaluation, inventory: &Path, profile: &str) -> String {
    let mut text = format!(
        "stackproof check: {} checks on {} with profile {profile}\n",
        REGISTRY.len(),
        inventory.display()
    );
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|status| format!("{} {}", status.as_str(), evaluation.count(*status)))
        .collect();
    text += &format!("  {}\n", counts.join("  "));
    for status in [Status::Fail, Status::Waived] {
        for result in evaluation.results.iter().filter(|r| r.status == status) {
            text += &result_line(result);
        }
    }
    text += &error_lines(evaluation);
    for waiver in &evaluation.unused_waivers {
        text += &format!(
            "UNUSED waiver {} for {} ({}): matched no failing result\n",
            waiver.check, waiver.resource, waiver.ticket
        );
    }
    for waiver in &evaluation.expired_waivers {
        text += &format!(
            "EXPIRED waiver {} for {} ({}, expired {})\n",
            waiver.check, waiver.resource, waiver.ticket, waiver.expires
        );
    }
    text
}
