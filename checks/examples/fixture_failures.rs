//! Prints, for every check, its title and what its fail fixture's failing results say: the
//! material for reviewing that each fail fixture breaks the property its title names.
//! `cargo run -p stackproof-checks --example fixture_failures`

use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::Profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::result::Status;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for check in REGISTRY {
        let path = format!("fixtures/checks/{}/fail.json", check.meta.id);
        let text = std::fs::read_to_string(&path).unwrap();
        let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
        let inventory: Inventory = serde_json::from_value(fixture["inventory"].clone()).unwrap();
        let profile: Profile =
            serde_json::from_value(fixture.get("profile").cloned().unwrap_or_default())
                .unwrap_or_default();
        let results = evaluate(&inventory, &profile, &[check], &[], today).results;
        println!(
            "{} | {} | breaks: {}",
            check.meta.id, check.meta.title, fixture["breaks"]
        );
        for result in results.iter().filter(|r| r.status != Status::Pass) {
            let message: String = result.message.chars().take(140).collect();
            println!("    {:?} {}: {message}", result.status, result.resource.id);
        }
    }
}
