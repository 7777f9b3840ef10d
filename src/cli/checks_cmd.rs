//! `stackproof checks list|explain`: the check library's documentation, generated from code.

use anyhow::{Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;
use stackproof_checks::check::{Check, Reference};
use stackproof_checks::registry::{self, REGISTRY};

use super::exit;

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
    pub fn of(check: &Check) -> Self {
        let meta = &check.meta;
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
        ChecksCommand::List { json: true } => {
            let docs: Vec<CheckDoc> = REGISTRY.iter().map(|check| CheckDoc::of(check)).collect();
            println!("{}", serde_json::to_string_pretty(&docs)?);
        }
        ChecksCommand::List { json: false } => {
            let mut table = Table::new();
            table
                .load_style(UTF8_BORDERS_ONLY)
                .set_content_arrangement(ContentArrangement::Dynamic);
            table.set_header(["id", "severity", "title", "references"]);
            for check in REGISTRY {
                let meta = &check.meta;
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
                "{} checks. `stackproof checks explain ID` shows one in full.",
                REGISTRY.len()
            );
        }
        ChecksCommand::Explain { id } => {
            let Some(check) = registry::find(&id) else {
                bail!(super::UsageError(format!(
                    "unknown check `{id}`; `stackproof checks list` shows them all"
                )));
            };
            print!("{}", explain(check));
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
pub fn explain(check: &Check) -> String {
    let meta = &check.meta;
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
