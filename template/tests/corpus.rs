//! Public templates (tests/corpus/, licences in its README): each is read, judged without
//! panic, and every one of its resources is in INV-003's ledger.

use std::path::Path;

use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_template::{Options, judge, read};

#[test]
fn every_public_template_is_read_and_every_resource_accounted_for() {
    let profile = load_profile("baseline", Path::new("/nonexistent")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut files: Vec<_> = std::fs::read_dir("tests/corpus")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for file in files {
        let templates = read(&file).unwrap_or_else(|e| panic!("{e}"));
        for template in templates {
            let judged = judge(&template, &Options::default(), |inventory| {
                evaluate(inventory, &profile, REGISTRY, &[], today)
            });
            let declared = template.body["Resources"].as_object().unwrap();
            let ledger = &judged.inventory.meta.template_resources;
            for logical in declared.keys() {
                assert!(
                    ledger.contains_key(logical) || logical.starts_with("Fn::"),
                    "{}: {logical} is not in the ledger",
                    file.display()
                );
            }
            let listed = (judged.evaluation.results.iter())
                .filter(|r| r.check_id == "INV-003")
                .count();
            assert!(listed >= ledger.len(), "{}", file.display());
        }
    }
}
