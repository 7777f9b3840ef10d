//! Seed coverage: every requirement line of every seed, joined with the checks that verify it
//! (their `Seed(..)` references, plus `docs/seed-requirements.toml`'s `also`) or the reason no
//! deployed resource can show it. Rendered as `docs/seed-coverage.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::check::{Meta, Reference};

/// `docs/seed-requirements.toml`: what the checks' own references do not say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementsFile {
    /// Reason key → why requirements of that kind have no check.
    pub reasons: BTreeMap<String, String>,
    /// Seed id (`000`) → its file and annotations.
    pub seeds: BTreeMap<String, SeedAnnotations>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedAnnotations {
    /// The seed's file name under the seeds directory.
    pub file: String,
    /// Requirement line → checks that verify it although they quote it in other words.
    #[serde(default)]
    pub also: BTreeMap<String, Vec<String>>,
    /// Requirement line → reason key.
    #[serde(default)]
    pub not_observable: BTreeMap<String, String>,
}

impl RequirementsFile {
    /// Parses the TOML; errors name the line and key.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|error| error.to_string())
    }
}

/// One seed's requirements and how each is accounted for.
#[derive(Debug, Clone)]
pub struct SeedCoverage {
    pub id: String,
    pub file: String,
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub requirement: String,
    /// Check ids, sorted.
    pub checks: Vec<&'static str>,
    pub not_observable: Option<String>,
}

/// The requirement lines of a seed: bullet and numbered items outside code blocks (bold
/// headings alone skipped), and numbered items run together in one paragraph.
pub fn requirement_lines(seed: &str) -> Vec<String> {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[-*]|\d+\.)\s+(.*)$").expect("valid pattern"));
    static HEADING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\*\*[^*]+\*\*$").expect("valid pattern"));
    static INLINE_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s\d+\.\s").expect("valid pattern"));
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in seed.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(item) = ITEM.captures(line).and_then(|c| c.get(1)) {
            if !HEADING.is_match(item.as_str()) {
                lines.push(item.as_str().to_string());
            }
        } else if line.contains(" 1. ") && line.contains(" 2. ") {
            let padded = format!(" {line}");
            lines.extend(
                INLINE_NUMBER
                    .split(&padded)
                    .skip(1)
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(str::to_string),
            );
        }
    }
    lines
}

/// Text compared case-insensitively, without Markdown emphasis and code marks.
pub fn normalize(text: &str) -> String {
    text.replace("**", "")
        .replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Joins seeds (id → text), annotations and the registry; `Err` lists every requirement left
/// unaccounted for and every annotation or reference that names nothing.
pub fn seed_coverage(
    seeds: &BTreeMap<String, String>,
    annotations: &RequirementsFile,
    registry: &[&'static Meta],
) -> Result<Vec<SeedCoverage>, Vec<String>> {
    let mut problems = Vec::new();
    let mut coverage = Vec::new();
    let known_ids: Vec<&str> = registry.iter().map(|m| m.id).collect();
    for (id, text) in seeds {
        let seed_annotations = annotations.seeds.get(id).cloned().unwrap_or_default();
        let normalized_seed = normalize(text);
        let quotes: Vec<(&'static str, String)> = registry
            .iter()
            .flat_map(|meta| {
                meta.references.iter().filter_map(move |r| match r {
                    Reference::Seed(seed, quote) if seed == id => Some((meta.id, normalize(quote))),
                    _ => None,
                })
            })
            .collect();
        for (check, quote) in &quotes {
            if !normalized_seed.contains(quote.as_str()) {
                problems.push(format!(
                    "{check} quotes seed {id} with words it does not contain: {quote:?}"
                ));
            }
        }
        let lines = requirement_lines(text);
        let mut rows = Vec::new();
        for line in &lines {
            let normalized = normalize(line);
            let mut checks: Vec<&'static str> = quotes
                .iter()
                .filter(|(_, quote)| normalized.contains(quote.as_str()))
                .map(|(check, _)| *check)
                .collect();
            for also in seed_annotations.also.get(line).into_iter().flatten() {
                match known_ids.iter().find(|known| **known == also.as_str()) {
                    Some(known) => checks.push(known),
                    None => problems.push(format!("seed {id}: `also` names unknown check {also}")),
                }
            }
            checks.sort_unstable();
            checks.dedup();
            let not_observable = seed_annotations.not_observable.get(line).map(|key| {
                annotations.reasons.get(key).cloned().unwrap_or_else(|| {
                    problems.push(format!("seed {id}: unknown reason `{key}` for {line:?}"));
                    String::new()
                })
            });
            if checks.is_empty() && not_observable.is_none() {
                problems.push(format!("seed {id}: no check and no reason for {line:?}"));
            }
            rows.push(Row {
                requirement: line.clone(),
                checks,
                not_observable,
            });
        }
        let annotated = seed_annotations
            .also
            .keys()
            .chain(seed_annotations.not_observable.keys());
        for line in annotated {
            if !lines.contains(line) {
                problems.push(format!(
                    "seed {id}: annotation for a line the seed does not have: {line:?}"
                ));
            }
        }
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap_or("(untitled)")
            .trim()
            .to_string();
        coverage.push(SeedCoverage {
            id: id.clone(),
            file: seed_annotations.file.clone(),
            title,
            rows,
        });
    }
    if problems.is_empty() {
        Ok(coverage)
    } else {
        Err(problems)
    }
}

/// The Markdown document: a summary table, then per seed every requirement with its checks or
/// the reason it has none.
pub fn markdown(coverage: &[SeedCoverage], registry: &[&'static Meta]) -> String {
    let title_of = |id: &str| registry.iter().find(|m| m.id == id).map_or("", |m| m.title);
    let mut doc = String::from(
        "# Seed coverage\n\n\
         Generated by `stackproof checks seed-coverage --out docs/seed-coverage.md` from the check \
         registry, `fixtures/seeds/` and `docs/seed-requirements.toml`; a test fails when it is \
         stale or when a requirement is left unaccounted for.\n\n\
         Every requirement line of every seed is listed with the checks that verify it (whether a \
         check judges a stack depends on its profile parameters, see `stackproof checks explain ID`) \
         or the reason no deployed resource can show it.\n\n\
         | seed | requirements | verified by checks | not observable |\n|---|---:|---:|---:|\n",
    );
    for seed in coverage {
        let checked = seed.rows.iter().filter(|r| !r.checks.is_empty()).count();
        let _ = writeln!(
            doc,
            "| [{}](#seed-{}) {} | {} | {} | {} |",
            seed.id,
            seed.id,
            seed.title,
            seed.rows.len(),
            checked,
            seed.rows.len() - checked
        );
    }
    for seed in coverage {
        let _ = write!(
            doc,
            "\n## Seed {}\n\n{} — `fixtures/seeds/{}`\n\n| requirement | verified by |\n|---|---|\n",
            seed.id, seed.title, seed.file
        );
        for row in &seed.rows {
            let verdict = if row.checks.is_empty() {
                format!(
                    "*not observable:* {}",
                    row.not_observable.as_deref().unwrap_or_default()
                )
            } else {
                row.checks
                    .iter()
                    .map(|id| format!("{id} {}", title_of(id)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let _ = writeln!(
                doc,
                "| {} | {} |",
                escape(&row.requirement),
                escape(&verdict)
            );
        }
    }
    doc
}

/// Table cells: pipes escaped, no line breaks.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
