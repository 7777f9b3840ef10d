//! Guard tests over the registry: ids, registration, docs, references, fixtures, parameters.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use stackproof_checks::profile::Profile;
use stackproof_checks::registry::{REGISTRY, ids};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn ids_are_unique_well_formed_and_sorted() {
    let pattern = regex::Regex::new(r"^[A-Z0-9]{2,5}-\d{3}$").unwrap();
    let all = ids();
    for id in &all {
        assert!(pattern.is_match(id), "malformed id {id}");
    }
    let unique: BTreeSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "duplicate ids");
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "REGISTRY must be sorted by id");
}

fn rule_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rule_files(&path, found);
        } else if path.file_name().is_some_and(|n| n != "mod.rs")
            && path.extension().is_some_and(|e| e == "rs")
        {
            found.push(path);
        }
    }
}

#[test]
fn every_rule_file_is_registered_under_its_own_id() {
    let mut files = Vec::new();
    rule_files(&crate_dir().join("src/rules"), &mut files);
    let registered: BTreeSet<&str> = ids().into_iter().collect();
    let id_line = regex::Regex::new(r#"id: "([A-Z0-9]+-\d{3})""#).unwrap();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let id = &id_line
            .captures(&text)
            .unwrap_or_else(|| panic!("{}: no id", file.display()))[1];
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let folder = file
            .parent()
            .and_then(Path::file_name)
            .unwrap()
            .to_str()
            .unwrap();
        let domain = id.split('-').next().unwrap().to_ascii_lowercase();
        assert_eq!(
            folder,
            domain,
            "{}: a check lives in the folder of its id's prefix (rules/{domain}/)",
            file.display()
        );
        let prefix = id.to_ascii_lowercase().replace('-', "_");
        assert!(
            stem.starts_with(&format!("{prefix}_")),
            "{}: file name must start with {prefix}_",
            file.display()
        );
        assert!(
            registered.contains(id),
            "{id} ({}) is not in REGISTRY",
            file.display()
        );
    }
    assert_eq!(
        files.len(),
        REGISTRY.len(),
        "rule files and registry entries differ in number"
    );
}

#[test]
fn every_check_is_documented_and_referenced() {
    for check in REGISTRY {
        let meta = &check.meta;
        assert!(!meta.title.is_empty(), "{}: no title", meta.id);
        assert!(
            meta.rationale().len() > 40,
            "{}: rationale too short",
            meta.id
        );
        assert!(
            !meta.remediation().is_empty(),
            "{}: no `# Remediation` section",
            meta.id
        );
        assert!(!meta.references.is_empty(), "{}: no references", meta.id);
    }
}

#[test]
fn every_check_has_pass_and_fail_fixtures() {
    let fixtures = crate_dir().join("../fixtures/checks");
    for id in ids() {
        for kind in ["pass.json", "fail.json"] {
            let path = fixtures.join(id).join(kind);
            assert!(path.is_file(), "{id}: missing {}", path.display());
        }
    }
}

#[test]
fn every_parameter_a_check_reads_exists_in_the_profile() {
    let profile = serde_json::to_value(Profile::default()).unwrap();
    for check in REGISTRY {
        for param in check.meta.params {
            let (section, key) = param
                .split_once('.')
                .unwrap_or_else(|| panic!("{}: param {param} is not section.key", check.meta.id));
            assert!(
                profile.get(section).and_then(|s| s.get(key)).is_some(),
                "{}: unknown profile parameter {param}",
                check.meta.id
            );
        }
    }
}

#[test]
fn the_library_has_at_least_45_checks() {
    assert!(REGISTRY.len() >= 45, "only {} checks", REGISTRY.len());
}

#[test]
fn every_fsbp_reference_names_a_listed_control() {
    use stackproof_checks::check::Reference;
    let list = std::fs::read_to_string(crate_dir().join("data/fsbp-controls.tsv")).unwrap();
    let known: BTreeSet<&str> = list
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| line.split('\t').next())
        .collect();
    assert!(known.len() > 100, "the FSBP list looks truncated");
    let mut cited = 0;
    for check in REGISTRY {
        for reference in check.meta.references {
            if let Reference::Fsbp(control) = reference {
                cited += 1;
                assert!(
                    known.contains(control),
                    "{} cites FSBP {control}, which data/fsbp-controls.tsv does not list",
                    check.meta.id
                );
            }
        }
    }
    assert!(cited > 40, "only {cited} FSBP references");
}

/// The README counts the library where a newcomer reads it first ("checks (170 checks)", "The
/// library (170 checks, …)"): a check added or removed without the README fails here.
#[test]
fn the_readme_counts_the_library() {
    let readme = std::fs::read_to_string(crate_dir().join("../README.md")).unwrap();
    // Not the mutation matrix's "(150 checks, 151 mutations …)": checks proven by mutation.
    let counted = regex::Regex::new(r"\((\d+) checks(\)|, `stackproof checks list`)").unwrap();
    let counts: Vec<usize> = (counted.captures_iter(&readme))
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(!counts.is_empty(), "the README no longer counts the checks");
    for count in counts {
        assert_eq!(
            count,
            REGISTRY.len(),
            "README.md says {count} checks; the registry holds {}",
            REGISTRY.len()
        );
    }
}
