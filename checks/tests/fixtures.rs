//! Data-driven fixture tests: every `fixtures/checks/<ID>/{pass,fail}.json` is a named test.
//!
//! A fixture is `{ "profile": {…}, "inventory": {…}, "expect_fail": ["resource id", …] }`:
//! `pass.json` must yield only `pass` results; `fail.json` must fail exactly the resources in
//! `expect_fail` (and error exactly those in `expect_error`, for checks whose failure mode is an
//! unverified result) and pass every other one, including at least one compliant resource unless
//! the fixture says `"whole_stack": true`. A fail fixture also says which property of the check's
//! title it breaks (`"breaks"`, in the title's words): the failing resources must fail on that
//! property, not a neighbouring one (reviewed with `cargo run -p stackproof-checks --example
//! fixture_failures`, which lists each check's title, that property and what its failures say).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rstest::rstest;
use serde::Deserialize;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::Profile;
use stackproof_checks::registry;
use stackproof_checks::result::{CheckResult, Status};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[serde(default)]
    profile: Profile,
    inventory: Inventory,
    #[serde(default)]
    expect_fail: Vec<String>,
    #[serde(default)]
    expect_error: Vec<String>,
    /// The check judges the stack as a whole, so a fail fixture cannot also hold a compliant resource.
    #[serde(default)]
    whole_stack: bool,
    /// In a fail fixture: the property of the check's title that the fixture breaks, in the
    /// title's own words (a check must be able to fail on what its title names).
    #[serde(default)]
    breaks: Option<String>,
}

fn run(path: &Path) -> (Fixture, Vec<CheckResult>) {
    let id = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .expect("fixture dir is the check id");
    let check = registry::find(id).unwrap_or_else(|| panic!("{}: no check {id}", path.display()));
    let text = std::fs::read_to_string(path).unwrap();
    let fixture: Fixture =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let results = evaluate(&fixture.inventory, &fixture.profile, &[check], &[], today).results;
    for result in &results {
        if let Some(text) = stackproof_checks::words::debug_text(result) {
            panic!(
                "{}: {} speaks Rust Debug: {text}",
                path.display(),
                result.check_id
            );
        }
    }
    (fixture, results)
}

fn show(results: &[CheckResult]) -> String {
    results
        .iter()
        .map(|r| {
            format!(
                "\n  {} {} {}: {}",
                r.status.as_str(),
                r.resource.kind,
                r.resource.id,
                r.message
            )
        })
        .collect()
}

#[rstest]
fn passes(#[files("../fixtures/checks/*/pass.json")] path: PathBuf) {
    let (_, results) = run(&path);
    assert!(!results.is_empty());
    assert!(
        results.iter().all(|r| r.status == Status::Pass),
        "{}: expected only pass:{}",
        path.display(),
        show(&results)
    );
}

#[rstest]
fn fails(#[files("../fixtures/checks/*/fail.json")] path: PathBuf) {
    let (fixture, results) = run(&path);
    let id = path
        .parent()
        .and_then(Path::file_name)
        .unwrap()
        .to_str()
        .unwrap();
    let title = registry::find(id).unwrap().meta.title;
    let breaks = fixture.breaks.as_deref().unwrap_or_else(|| {
        panic!(
            "{}: a fail fixture names the property of the title it breaks (\"breaks\": words of {title:?})",
            path.display()
        )
    });
    assert!(
        !breaks.trim().is_empty() && title.to_lowercase().contains(&breaks.to_lowercase()),
        "{}: \"breaks\": {breaks:?} must be words of the title {title:?}",
        path.display()
    );
    assert!(
        !(fixture.expect_fail.is_empty() && fixture.expect_error.is_empty()),
        "{}: fail fixture must name expect_fail (or expect_error)",
        path.display()
    );
    for (status, expected) in [
        (Status::Fail, &fixture.expect_fail),
        (Status::Error, &fixture.expect_error),
    ] {
        let found: BTreeSet<&str> = results
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.resource.id.as_str())
            .collect();
        let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        assert_eq!(
            found,
            expected,
            "{}: {} resources differ:{}",
            path.display(),
            status.as_str(),
            show(&results)
        );
    }
    let others_pass = results
        .iter()
        .filter(|r| !matches!(r.status, Status::Fail | Status::Error))
        .all(|r| r.status == Status::Pass);
    assert!(
        others_pass,
        "{}: non-failing results must pass:{}",
        path.display(),
        show(&results)
    );
    let stack_level = fixture.whole_stack;
    let has_compliant = results.iter().any(|r| r.status == Status::Pass);
    assert!(
        stack_level || has_compliant,
        "{}: fail fixture needs a compliant resource too:{}",
        path.display(),
        show(&results)
    );
}
