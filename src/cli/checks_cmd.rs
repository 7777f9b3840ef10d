//! `stackproof checks list|explain`: the check library's documentation, generated from code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;
use stackproof_checks::check::{Meta, Reference};
use stackproof_checks::registry::{self, REGISTRY};

use stackproof_checks::coverage::{RequirementsFile, markdown, seed_coverage};

use super::{UsageError, exit};

#[derive(clap::Subcommand, Debug)]
pub enum ChecksCommand {
    /// List every check: id, severity, title, references
    List {
        /// Print JSON (id, title, severity, domain, params, references, rationale, remediation)
        #[arg(long)]
        json: bool,
    },
    /// Show a check's full documentation
    Explain {
        /// Check id, e.g. SG-001
        id: String,
    },
    /// Every seed requirement with the checks that verify it or why none can (Markdown)
    SeedCoverage {
        /// Directory of seed files (`NNN_*.txt`)
        #[arg(long, value_name = "DIR", default_value = "fixtures/seeds")]
        seeds: PathBuf,
        /// Annotations: checks quoting a requirement in other words, reasons for the rest
        #[arg(
            long,
            value_name = "FILE",
            default_value = "docs/seed-requirements.toml"
        )]
        requirements: PathBuf,
        /// Write the Markdown here instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// A check's documentation as JSON.
#[derive(Serialize)]
pub struct CheckDoc {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: &'static str,
    pub domain: &'static str,
    pub params: &'static [&'static str],
    pub references: &'static [Reference],
    pub rationale: String,
    pub remediation: String,
}

impl CheckDoc {
    pub fn of(meta: &'static Meta) -> Self {
        Self {
            id: meta.id,
            title: meta.title,
            severity: meta.severity.as_str(),
            domain: meta.domain(),
            params: meta.params,
            references: meta.references,
            rationale: meta.rationale(),
            remediation: meta.remediation(),
        }
    }
}

pub fn run(command: ChecksCommand) -> Result<u8> {
    match command {
        ChecksCommand::SeedCoverage {
            seeds,
            requirements,
            out,
        } => return seed_coverage_doc(&seeds, &requirements, out.as_deref()),
        ChecksCommand::List { json: true } => {
            let docs: Vec<CheckDoc> = registry::all_metas()
                .into_iter()
                .map(CheckDoc::of)
                .collect();
            println!("{}", serde_json::to_string_pretty(&docs)?);
        }
        ChecksCommand::List { json: false } => {
            let mut table = Table::new();
            table
                .load_style(UTF8_BORDERS_ONLY)
                .set_content_arrangement(ContentArrangement::Dynamic);
            table.set_header(["id", "severity", "title", "references"]);
            let metas = registry::all_metas();
            for meta in &metas {
                let references: Vec<String> = meta.references.iter().map(short_reference).collect();
                table.add_row([
                    meta.id,
                    meta.severity.as_str(),
                    meta.title,
                    &references.join(", "),
                ]);
            }
            println!("{table}");
            println!(
                "{} checks ({} of one stack, {} comparing environments). `stackproof checks explain ID` shows one in full.",
                metas.len(),
                REGISTRY.len(),
                metas.len() - REGISTRY.len()
            );
        }
        ChecksCommand::Explain { id } => {
            let metas = registry::all_metas();
            let Some(meta) = metas.iter().find(|m| m.id.eq_ignore_ascii_case(&id)) else {
                bail!(super::UsageError(format!(
                    "unknown check `{id}`; `stackproof checks list` shows them all"
                )));
            };
            print!("{}", explain(meta));
        }
    }
    Ok(exit::OK)
}

fn short_reference(reference: &Reference) -> String {
    match reference {
        Reference::Seed(seed, _) => format!("Seed {seed}"),
        other => other.to_string(),
    }
}

/// The full documentation of one check, as plain text.
pub fn explain(meta: &Meta) -> String {
    let mut text = format!(
        "{} — {}\nseverity: {}\n",
        meta.id,
        meta.title,
        meta.severity.as_str()
    );
    if !meta.params.is_empty() {
        text += &format!("profile parameters: {}\n", meta.params.join(", "));
    }
    text += "references:\n";
    for reference in meta.references {
        text += &format!("  - {reference}\n");
    }
    text += &format!(
        "\nWhy it matters\n{}\n\nRemediation\n{}\n",
        meta.rationale(),
        meta.remediation()
    );
    text
}

/// Reads the seeds and annotations, writes the coverage document; exit 1 listing every
/// requirement left unaccounted for.
fn seed_coverage_doc(seeds_dir: &Path, requirements: &Path, out: Option<&Path>) -> Result<u8> {
    let seeds = read_seeds(seeds_dir)?;
    let text = std::fs::read_to_string(requirements)
        .map_err(|error| UsageError(format!("cannot read {}: {error}", requirements.display())))?;
    let annotations = RequirementsFile::parse(&text)
        .map_err(|error| UsageError(format!("invalid {}: {error}", requirements.display())))?;
    match seed_coverage(&seeds, &annotations, &registry::all_metas()) {
        Ok(coverage) => {
            let doc = markdown(&coverage, &registry::all_metas());
            match out {
                Some(path) => std::fs::write(path, doc)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{doc}"),
            }
            Ok(exit::OK)
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("unaccounted: {problem}");
            }
            eprintln!(
                "{} problem(s); see {}",
                problems.len(),
                requirements.display()
            );
            Ok(exit::FINDINGS)
        }
    }
}

/// Seed id (the file name's leading digits) → text, for every `*.txt` in `dir`.
pub fn read_seeds(dir: &Path) -> Result<BTreeMap<String, String>> {
    let entries = std::fs::read_dir(dir).map_err(|error| {
        UsageError(format!(
            "cannot read seeds directory {}: {error}",
            dir.display()
        ))
    })?;
    let mut seeds = BTreeMap::new();
    for entry in entries {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".txt") {
            continue;
        }
        let id: String = name.chars().take_while(char::is_ascii_digit).collect();
        if id.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        seeds.insert(id, text);
    }
    Ok(seeds)
}
