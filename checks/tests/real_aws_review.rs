//! docs/real-aws-semantics.md reviews every check against AWS's documentation (issue #20,
//! item 4): its "Every check, reviewed" table has one row per check of the registry, and a
//! row that says the emulator differs ("above") has its entry in the first table.

use std::collections::BTreeSet;
use std::path::PathBuf;

use stackproof_checks::registry::REGISTRY;

fn document() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/real-aws-semantics.md");
    std::fs::read_to_string(path).unwrap()
}

/// The table rows of the section whose heading is `heading`: each row's cells, trimmed.
fn rows(document: &str, heading: &str) -> Vec<Vec<String>> {
    let section = document
        .split("\n## ")
        .find(|section| section.starts_with(heading))
        .unwrap_or_else(|| panic!("no section `{heading}`"));
    section
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Check"))
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn every_check_of_the_registry_is_reviewed_once() {
    let document = document();
    let reviewed: Vec<String> = rows(&document, "Every check, reviewed")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    let unique: BTreeSet<&str> = reviewed.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), reviewed.len(), "a check is reviewed twice");
    let registry: BTreeSet<&str> = REGISTRY.iter().map(|check| check.meta.id).collect();
    let missing: Vec<_> = registry.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&registry).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not reviewed: {missing:?}; not checks: {unknown:?}"
    );
}

#[test]
fn a_difference_the_review_names_is_described_above() {
    let document = document();
    // The first table sits under the page's title, before any `##` section.
    let described: BTreeSet<String> = rows(&document, "# What an attribute means")
        .iter()
        .flat_map(|row| row[0].split(", ").map(str::to_string).collect::<Vec<_>>())
        .collect();
    for row in rows(&document, "Every check, reviewed") {
        assert_eq!(row.len(), 4, "four cells: {row:?}");
        let emulator = &row[3];
        assert!(
            emulator.starts_with("same")
                || emulator.starts_with("above")
                || emulator.starts_with("unmodelled"),
            "{}: the emulator column says same, above or unmodelled: {emulator}",
            row[0]
        );
        if emulator.starts_with("above") {
            assert!(
                described.contains(&row[0]),
                "{} says the emulator differs, but the first table does not describe it",
                row[0]
            );
        }
    }
}
