//! Seed coverage: every requirement of every seed is verified by a check or explained, and
//! `docs/seed-coverage.md` is what the registry generates today.

use std::collections::BTreeMap;
use std::path::PathBuf;

use stackproof_checks::coverage::{
    RequirementsFile, markdown, normalize, requirement_lines, seed_coverage,
};
use stackproof_checks::registry::all_metas;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seeds() -> BTreeMap<String, String> {
    std::fs::read_dir(repo().join("fixtures/seeds"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            (
                name[..3].to_string(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

fn annotations() -> RequirementsFile {
    let text = std::fs::read_to_string(repo().join("docs/seed-requirements.toml")).unwrap();
    RequirementsFile::parse(&text).unwrap()
}

#[test]
fn every_seed_requirement_is_accounted_for() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5, "five seeds");
    let coverage = seed_coverage(&seeds, &annotations(), &all_metas())
        .unwrap_or_else(|problems| panic!("unaccounted:\n{}", problems.join("\n")));
    for seed in &coverage {
        assert!(
            seed.rows.len() > 40,
            "seed {} has few requirement lines",
            seed.id
        );
        let checked = seed.rows.iter().filter(|r| !r.checks.is_empty()).count();
        assert!(
            checked * 3 > seed.rows.len(),
            "seed {}: most lines unverified",
            seed.id
        );
    }
}

#[test]
fn the_checked_in_document_is_current() {
    let coverage = seed_coverage(&seeds(), &annotations(), &all_metas()).unwrap();
    let generated = markdown(&coverage, &all_metas());
    let checked_in = std::fs::read_to_string(repo().join("docs/seed-coverage.md")).unwrap();
    assert!(
        generated == checked_in,
        "docs/seed-coverage.md is stale: run `stackproof checks seed-coverage --out docs/seed-coverage.md`"
    );
}

#[test]
fn an_unaccounted_line_and_a_misquote_are_reported() {
    let seeds = BTreeMap::from([(
        "000".to_string(),
        "# Test\n- VPC with CIDR 10.0.0.0/16\n- A requirement nobody checks\n".to_string(),
    )]);
    let problems = seed_coverage(&seeds, &RequirementsFile::default(), &all_metas()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("no check and no reason") && p.contains("nobody checks")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("does not contain")),
        "checks quoting the real seed 000 misquote this one: {problems:?}"
    );
}

#[test]
fn requirement_lines_take_items_and_inline_numbering_but_not_code_or_headings() {
    let text = "# T\nIntro.\n1. **Networking**\n   - VPC with CIDR 10.0.0.0/16\n```ts\n- not this\n```\nMust: 1. First thing. 2. Second thing.\n";
    assert_eq!(
        requirement_lines(text),
        ["VPC with CIDR 10.0.0.0/16", "First thing.", "Second thing."]
    );
    assert_eq!(normalize("Use **S3** `x`  now"), "use s3 x now");
}
