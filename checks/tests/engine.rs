//! The engine's contract: errors are never pass, unset parameters skip, waivers keep the truth.

use std::path::Path;

use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::{Bucket, BucketEncryption, FetchError, Inventory, LogGroup};
use stackproof_checks::profile::Profile;
use stackproof_checks::registry::{self, ids};
use stackproof_checks::result::Status;
use stackproof_checks::waiver::{Waiver, WaiverError, parse_waivers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn log_group(name: &str, retention: Option<i32>) -> LogGroup {
    LogGroup {
        name: name.into(),
        retention_days: retention,
        ..LogGroup::default()
    }
}

fn profile_with_retention(days: i32) -> Profile {
    let mut profile = Profile::default();
    profile.logs.retention_days = Some(days);
    profile
}

#[test]
fn a_failed_fetch_is_an_error_naming_the_operation_never_a_pass() {
    let bucket = |name: &str| Bucket {
        name: name.into(),
        encryption: Some(BucketEncryption {
            algorithm: "AES256".into(),
            ..BucketEncryption::default()
        }),
        ..Bucket::default()
    };
    let mut broken = bucket("broken");
    broken.encryption = None;
    broken.errors.insert(
        "encryption".into(),
        FetchError {
            operation: "s3:GetBucketEncryption".into(),
            message: "SlowDown: Please reduce your request rate".into(),
        },
    );
    let inventory = Inventory {
        buckets: vec![broken, bucket("fine")],
        ..Inventory::default()
    };
    let check = registry::find("ENC-001").unwrap();
    let results = evaluate(&inventory, &Profile::default(), &[check], &[], today()).results;
    assert_eq!(results[0].status, Status::Error);
    assert!(
        results[0].message.contains("s3:GetBucketEncryption"),
        "{}",
        results[0].message
    );
    assert_eq!(results[0].evidence[0].source, "s3:GetBucketEncryption");
    assert_eq!(results[1].status, Status::Pass);
}

#[test]
fn a_whole_resource_fetch_error_makes_every_check_on_it_error() {
    let mut gone = log_group("/ecs/gone", None);
    gone.errors.insert(
        "*".into(),
        FetchError {
            operation: "logs:DescribeLogGroups".into(),
            message: "AccessDenied".into(),
        },
    );
    let inventory = Inventory {
        log_groups: vec![gone],
        ..Inventory::default()
    };
    let checks = [
        registry::find("LOGS-001").unwrap(),
        registry::find("LOGS-002").unwrap(),
    ];
    let results = evaluate(
        &inventory,
        &profile_with_retention(30),
        &checks,
        &[],
        today(),
    )
    .results;
    assert!(
        results.iter().all(|r| r.status == Status::Error),
        "{results:?}"
    );
}

#[test]
fn an_unset_parameter_skips_with_its_name() {
    let inventory = Inventory {
        log_groups: vec![log_group("/ecs/app", Some(7))],
        ..Inventory::default()
    };
    let results = evaluate(
        &inventory,
        &Profile::default(),
        &[registry::find("LOGS-002").unwrap()],
        &[],
        today(),
    )
    .results;
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].status, Status::Skip);
    assert!(
        results[0].message.contains("logs.retention_days"),
        "{}",
        results[0].message
    );
}

#[test]
fn no_matching_resources_is_a_skip_not_a_pass() {
    let results = evaluate(
        &Inventory::default(),
        &Profile::default(),
        &[registry::find("S3-001").unwrap()],
        &[],
        today(),
    )
    .results;
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].status, Status::Skip);
}

#[test]
fn every_check_runs_on_an_empty_inventory_without_passing_anything() {
    let checks: Vec<_> = registry::REGISTRY.to_vec();
    let results = evaluate(
        &Inventory::default(),
        &Profile::default(),
        &checks,
        &[],
        today(),
    )
    .results;
    assert!(results.len() >= checks.len());
    assert!(
        results.iter().all(|r| r.status == Status::Skip),
        "{:?}",
        results
            .iter()
            .filter(|r| r.status != Status::Skip)
            .collect::<Vec<_>>()
    );
}

fn waiver(resource: &str, expires: NaiveDate) -> Waiver {
    Waiver {
        check: "LOGS-002".into(),
        resource: resource.into(),
        justification: "debug group, short-lived".into(),
        approver: "sec@example.com".into(),
        ticket: "SEC-42".into(),
        expires,
    }
}

#[test]
fn a_waiver_marks_the_result_waived_and_keeps_the_underlying_status() {
    let inventory = Inventory {
        log_groups: vec![
            log_group("/debug/tmp", Some(1)),
            log_group("/ecs/app", Some(1)),
        ],
        ..Inventory::default()
    };
    let waivers = [waiver(
        "/debug/*",
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    )];
    let evaluation = evaluate(
        &inventory,
        &profile_with_retention(30),
        &[registry::find("LOGS-002").unwrap()],
        &waivers,
        today(),
    );
    let [debug, app] = &evaluation.results[..] else {
        panic!("two results")
    };
    assert_eq!(debug.status, Status::Waived);
    let applied = debug.waiver.as_ref().unwrap();
    assert_eq!(applied.underlying, Status::Fail);
    assert_eq!(applied.ticket, "SEC-42");
    assert_eq!(app.status, Status::Fail, "the glob must not match /ecs/app");
    assert!(evaluation.expired_waivers.is_empty());
}

#[test]
fn an_expired_waiver_applies_to_nothing_and_is_reported() {
    let inventory = Inventory {
        log_groups: vec![log_group("/debug/tmp", Some(1))],
        ..Inventory::default()
    };
    let waivers = [waiver(
        "/debug/*",
        NaiveDate::from_ymd_opt(2026, 5, 31).unwrap(),
    )];
    let evaluation = evaluate(
        &inventory,
        &profile_with_retention(30),
        &[registry::find("LOGS-002").unwrap()],
        &waivers,
        today(),
    );
    assert_eq!(evaluation.results[0].status, Status::Fail);
    assert_eq!(evaluation.expired_waivers, waivers);
}

#[test]
fn waiver_files_require_every_field_and_a_known_check() {
    let known = ids();
    let path = Path::new("waivers.toml");
    let complete = "[[waiver]]\ncheck = \"LOGS-002\"\nresource = \"*\"\njustification = \"j\"\napprover = \"a\"\nticket = \"T-1\"\nexpires = 2027-01-01\n";
    assert_eq!(parse_waivers(complete, path, &known).unwrap().len(), 1);
    let missing = complete.replace("ticket = \"T-1\"\n", "");
    let error = parse_waivers(&missing, path, &known).unwrap_err();
    assert!(
        matches!(error, WaiverError::Invalid { .. }) && error.to_string().contains("ticket"),
        "{error}"
    );
    let unknown = complete.replace("LOGS-002", "NOPE-001");
    assert!(
        parse_waivers(&unknown, path, &known)
            .unwrap_err()
            .to_string()
            .contains("NOPE-001")
    );
    let empty = complete.replace("justification = \"j\"", "justification = \" \"");
    assert!(
        parse_waivers(&empty, path, &known)
            .unwrap_err()
            .to_string()
            .contains("justification")
    );
}

/// Issue #38: a run that collected nothing verifies nothing. On an inventory with no resource,
/// made from an outputs file that named only settings and through calls that all succeeded,
/// no check of any built-in profile passes: each one judged no resource, so each is a skip
/// (or a fail, where the profile requires a resource the stack lacks).
#[test]
fn an_empty_inventory_passes_no_check_under_any_builtin_profile() {
    let mut inventory = Inventory::default();
    inventory.meta.outputs_file = Some("cfn-outputs/flat-outputs.json".into());
    inventory
        .meta
        .outputs
        .insert("Note".into(), "unclassified".into());
    inventory
        .meta
        .outputs
        .insert("Count".into(), "setting".into());
    inventory
        .meta
        .api_calls
        .insert("sts:GetCallerIdentity".into(), 1);
    let dir = Path::new("../fixtures/profiles");
    for name in stackproof_checks::profile::builtin_names() {
        let profile = stackproof_checks::profile::load_profile(name, dir).unwrap();
        let results = evaluate(&inventory, &profile, registry::REGISTRY, &[], today()).results;
        let vacuous: Vec<String> = (results.iter())
            .filter(|r| r.status == Status::Pass)
            .map(|r| format!("{} {}: {}", r.check_id, r.resource, r.message))
            .collect();
        assert!(vacuous.is_empty(), "{name}: {}", vacuous.join("\n"));
    }
}
