//! Reporters: golden files of each format from one fixed `RunReport`, and each format read
//! back by a parser of its own kind (JUnit, SARIF types, JSON).

use std::path::Path;

use chrono::NaiveDate;
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::Inventory;
use stackproof_checks::profile::Profile;
use stackproof_checks::registry;
use stackproof_checks::report::{
    Format, HTML_ROWS_PER_CHECK, RunReport, StackReport, write_reports,
};
use stackproof_checks::result::Status;
use stackproof_checks::waiver::parse_waivers;

const CHECKS: [&str; 6] = [
    "ENC-008", "LOGS-001", "SG-001", "SG-007", "SG-008", "VPC-013",
];

/// Two security groups (one open to SSH), a log group without retention, a key whose rotation
/// status could not be read, a waiver: every status appears.
fn report() -> RunReport {
    let inventory: Inventory = serde_json::from_value(serde_json::json!({
        "meta": {
            "target": "embedded emulator (moto) at http://127.0.0.1:4566",
            "account": "123456789012",
            "region": "us-east-1",
            "outputs_file": "cfn-outputs/flat-outputs.json",
            "output_lines": {"sg-alb": 3, "sg-bastion": 4, "arn:lb": 5},
            "profile_file": ".stackproof/profiles/payments.toml",
            "profile_lines": {"security_groups.public_ingress_ports": 2},
            "collected_at": "2026-01-01T00:00:00Z",
            "api_calls": {"ec2:DescribeSecurityGroups": 1, "logs:DescribeLogGroups": 1, "kms:DescribeKey": 1},
            "phase_ms": {"collect": 120}
        },
        "security_groups": [
            {"id": "sg-alb", "name": "alb", "vpc_id": "vpc-1", "ingress": [
                {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "description": "https"}]},
            {"id": "sg-bastion", "name": "bastion", "vpc_id": "vpc-1", "ingress": [
                {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0"}]},
            {"id": "sg-legacy", "name": "legacy", "vpc_id": "vpc-1", "ingress": [
                {"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": "0.0.0.0/0", "description": "rdp"}]}
        ],
        "load_balancers": [{"arn": "arn:lb", "name": "alb", "scheme": "internet-facing", "security_group_ids": ["sg-alb"]}],
        "log_groups": [{"name": "/ecs/app"}],
        "kms_keys": [{"id": "k1", "arn": "arn:aws:kms:us-east-1:123456789012:key/k1", "key_manager": "CUSTOMER",
            "key_state": "Enabled", "errors": {"rotation_enabled": {"operation": "kms:GetKeyRotationStatus", "message": "AccessDenied"}}}]
    }))
    .unwrap();
    let profile: Profile =
        toml::from_str("[security_groups]\npublic_ingress_ports = [80, 443]\n").unwrap();
    let waivers = parse_waivers(
        "[[waiver]]\ncheck = \"SG-008\"\nresource = \"sg-legacy\"\njustification = \"Vendor appliance, isolated subnet\"\napprover = \"ciso@example.com\"\nticket = \"SEC-42\"\nexpires = 2027-06-30\n",
        Path::new("waivers.toml"),
        &registry::ids(),
    )
    .unwrap();
    let checks: Vec<_> = CHECKS
        .iter()
        .map(|id| registry::find(id).unwrap())
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let evaluation = evaluate(&inventory, &profile, &checks, &waivers, today);
    let stack = StackReport::new(
        "transaction-processing",
        "fixture",
        inventory.meta,
        evaluation,
    );
    RunReport::new(
        "0.0.0-test",
        "20260101T000000Z",
        "2026-01-01T00:00:00Z",
        vec![stack],
        &registry::all_metas(),
    )
}

#[test]
fn the_fixture_report_has_every_status() {
    let report = report();
    for status in [
        Status::Pass,
        Status::Fail,
        Status::Error,
        Status::Skip,
        Status::Waived,
    ] {
        assert!(
            report.count(status) > 0,
            "no {status:?} in {:#?}",
            report.counts()
        );
    }
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn golden_files() {
    let report = report();
    insta::assert_snapshot!("summary.md", Format::Markdown.render(&report));
    insta::assert_snapshot!("junit.xml", Format::Junit.render(&report));
    insta::assert_snapshot!("results.sarif", Format::Sarif.render(&report));
    insta::assert_snapshot!("report.json", Format::Json.render(&report));
    insta::assert_snapshot!("report.html", Format::Html.render(&report));
}

#[test]
fn junit_parses_back_with_every_result_as_a_test_case() {
    let report = report();
    let xml = Format::Junit.render(&report);
    let suites = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    let suite = &suites.suites[0];
    assert_eq!(suite.name, "transaction-processing");
    assert_eq!(suite.cases.len(), report.stacks[0].results.len());
    let failures = suite.cases.iter().filter(|c| c.status.is_failure()).count();
    let errors = suite.cases.iter().filter(|c| c.status.is_error()).count();
    let skipped = suite.cases.iter().filter(|c| c.status.is_skipped()).count();
    assert_eq!(failures, report.count(Status::Fail));
    assert_eq!(errors, report.count(Status::Error));
    assert_eq!(
        skipped,
        report.count(Status::Skip) + report.count(Status::Waived)
    );
    let case = suite
        .cases
        .iter()
        .find(|c| {
            c.original_name.starts_with("[CRITICAL][SG-008]") && c.name.contains("sg-bastion")
        })
        .unwrap_or_else(|| {
            let names: Vec<&str> = suite.cases.iter().map(|c| c.name.as_str()).collect();
            panic!("test cases are named [SEVERITY][ID] title — resource: {names:#?}")
        });
    assert!(case.status.is_failure());
    let waived = suite
        .cases
        .iter()
        .find(|c| c.name.contains("sg-legacy") && c.name.contains("SG-008"))
        .unwrap();
    let message = waived.status.skipped_as_ref().message.clone();
    assert!(
        message.contains("SEC-42") && message.contains("2027-06-30"),
        "{message}"
    );
}

/// Hostile text (ANSI escapes, characters XML forbids) is removed from junit.xml the way
/// quick-junit's `XmlString` removes it, and the document still parses.
#[test]
fn junit_removes_control_characters_as_quick_junit_does() {
    let mut report = report();
    let hostile = "\x1b[31mred\x1b[0m and \x01bell\x0b";
    let result = report.stacks[0]
        .results
        .iter_mut()
        .find(|r| r.status == Status::Fail)
        .unwrap();
    result.message = hostile.into();
    result.resource.id = format!("sg-{hostile}");
    let xml = Format::Junit.render(&report);
    assert!(!xml.contains('\x1b') && !xml.contains('\x01') && !xml.contains('\x0b'));
    let expected = quick_junit::XmlString::new(hostile).into_string();
    assert_eq!(expected, "red and bell");
    assert!(xml.contains(&format!("message=\"{expected}\"")), "{xml}");
    let suites = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    assert!(
        suites.suites[0]
            .cases
            .iter()
            .any(|c| c.name.ends_with(&format!("sg-{expected}")))
    );
}

#[test]
fn sarif_is_valid_sarif_with_a_result_per_failure() {
    let report = report();
    let text = Format::Sarif.render(&report);
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("valid SARIF 2.1.0");
    let run = &sarif.runs[0];
    assert_eq!(
        run.results.as_ref().unwrap().len(),
        report.count(Status::Fail)
    );
    let rules = run.tool.driver.rules.as_ref().unwrap();
    assert_eq!(rules.len(), report.checks.len());
    assert_eq!(serde_json::to_value(&sarif.version).unwrap(), "2.1.0");
}

#[test]
fn json_reads_back_into_the_same_report() {
    let report = report();
    let back: RunReport = serde_json::from_str(&Format::Json.render(&report)).unwrap();
    assert_eq!(back, report);
    assert_eq!(
        back.schema_version,
        stackproof_checks::report::REPORT_SCHEMA_VERSION
    );
}

#[test]
fn markdown_is_cut_to_the_limit_with_a_count() {
    let mut report = report();
    // Many failures: repeat the stack's results.
    let results = report.stacks[0].results.clone();
    for _ in 0..400 {
        report.stacks[0].results.extend(results.iter().cloned());
    }
    let full = Format::Markdown.render(&report);
    assert!(full.len() <= 65_000, "{}", full.len());
    let listed = report
        .results()
        .filter(|(_, r)| matches!(r.status, Status::Fail | Status::Error | Status::Waived))
        .count();
    let shown = full.lines().filter(|l| l.starts_with("- **")).count();
    assert!(
        full.contains(&format!("… and {} more; see report.json", listed - shown)),
        "a long list says exactly how much was left out ({listed} listed, {shown} shown)"
    );
}

/// A check with more results than a page can show lists its failures first and says how many
/// more `report.json` holds; the rest of the page is unchanged.
#[test]
fn html_shows_a_bounded_number_of_rows_per_check_failures_first() {
    let mut report = report();
    let template = |status: Status| {
        report.stacks[0]
            .results
            .iter()
            .find(|r| r.check_id == "SG-001" && r.status == status)
            .cloned()
    };
    let (Some(pass), Some(fail)) = (template(Status::Pass), template(Status::Fail)) else {
        panic!("SG-001 passes and fails in the fixture report");
    };
    let many = HTML_ROWS_PER_CHECK + 100;
    let mut extra: Vec<_> = (0..many)
        .map(|i| {
            let mut result = pass.clone();
            result.resource.id = format!("sg-pass-{i:04}");
            result
        })
        .collect();
    extra.push({
        let mut result = fail.clone();
        result.resource.id = "sg-last-and-failing".into();
        result
    });
    report.stacks[0].results.extend(extra);
    let total = report.stacks[0]
        .results
        .iter()
        .filter(|r| r.check_id == "SG-001")
        .count();
    let html = Format::Html.render(&report);
    assert!(
        html.contains("sg-last-and-failing"),
        "failures are shown first"
    );
    assert!(html.contains("sg-pass-0000"));
    assert!(
        !html.contains(&format!("sg-pass-{:04}", many - 1)),
        "rows beyond the limit are left to report.json"
    );
    assert!(
        html.contains(&format!(
            "{HTML_ROWS_PER_CHECK} of {total} results shown, failing, erroring and waived first"
        )),
        "the section says how many it shows"
    );
    let json = Format::Json.render(&report);
    assert!(
        json.contains(&format!("sg-pass-{:04}", many - 1)),
        "report.json keeps every result"
    );
}

#[test]
fn html_is_self_contained() {
    let html = Format::Html.render(&report());
    for needle in [
        "<script",
        "stylesheet",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.contains(needle),
            "the page must not load anything: found {needle}"
        );
    }
    for heading in [
        "What was verified",
        "Summary",
        "Checks",
        "Waivers",
        "Compliance view",
    ] {
        assert!(html.contains(heading), "missing heading {heading}");
    }
    let failing = html.find("SG-008 — ").unwrap();
    let unverified = html.find("ENC-008 — ").unwrap();
    let rest = html.find("VPC-013 — ").unwrap();
    assert!(
        failing < unverified && unverified < rest,
        "failing checks first, then errors, then the rest"
    );
    let medium_failing = html.find("LOGS-001 — ").unwrap();
    assert!(
        failing < medium_failing && medium_failing < unverified,
        "failing checks by severity: the critical SG-008 before the medium LOGS-001"
    );
    assert_eq!(
        html.matches("<svg class=\"chart\" role=\"img\"").count(),
        2,
        "a drawn summary by severity and by domain"
    );
    assert!(
        html.contains("<title>critical: "),
        "each bar segment is labelled"
    );
}

/// Rationale and remediation are Markdown: code spans are code on the page, not backticks.
#[test]
fn html_renders_the_markdown_of_rationale_and_remediation() {
    let html = Format::Html.render(&report());
    let remediations: Vec<&str> = html
        .split("<strong>Remediation.</strong>")
        .skip(1)
        .map(|rest| &rest[..rest.find("</p>").unwrap()])
        .collect();
    assert!(!remediations.is_empty());
    assert!(
        remediations.iter().all(|text| !text.contains('`')),
        "{remediations:#?}"
    );
    assert!(
        remediations.iter().any(|text| text.contains("<code>")),
        "{remediations:#?}"
    );
}

#[test]
fn a_report_directory_has_every_format_and_a_verifiable_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let written = write_reports(dir.path(), &report(), &Format::ALL).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, stackproof_checks::report::report_files());
    assert_eq!(names.last().map(String::as_str), Some("MANIFEST.sha256"));
    let manifest = std::fs::read_to_string(dir.path().join("MANIFEST.sha256")).unwrap();
    assert_eq!(manifest.lines().count(), 5);
    if let Ok(output) = std::process::Command::new("sha256sum")
        .args(["-c", "MANIFEST.sha256"])
        .current_dir(dir.path())
        .output()
    {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
        std::fs::write(dir.path().join("summary.md"), "edited").unwrap();
        let tampered = std::process::Command::new("sha256sum")
            .args(["-c", "MANIFEST.sha256"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            !tampered.status.success(),
            "an edited file fails the manifest"
        );
    }
}

/// What GitHub code scanning needs to show a result (its SARIF support reference and the
/// SARIF SDK's GH rules): one location with a physical location — a relative file URI and a
/// region with a start line — a message text, a stable fingerprint; rules tagged `security`
/// with a numeric `security-severity`. Each result points at the outputs file line that names
/// its resource (line 1, the file itself, when no line names it), and keeps its logical
/// location (the resource) beside it.
#[test]
fn sarif_results_point_at_the_outputs_line_that_names_the_resource() {
    let report = report();
    let sarif: serde_json::Value = serde_json::from_str(&Format::Sarif.render(&report)).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 25_000);
    let mut lines = std::collections::BTreeMap::new();
    for result in results {
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "{result:#}");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            [
                "cfn-outputs/flat-outputs.json",
                ".stackproof/profiles/payments.toml"
            ]
            .contains(&uri),
            "{result:#}"
        );
        let line = physical["region"]["startLine"].as_u64().unwrap();
        assert!(line >= 1, "{result:#}");
        let logical = &locations[0]["logicalLocations"][0]["name"];
        if uri.starts_with("cfn-outputs") {
            lines.insert(logical.as_str().unwrap().to_string(), line);
        }
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let fingerprint = result["partialFingerprints"]["stackproof/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fingerprint.len(), 64, "{result:#}");
    }
    assert_eq!(lines.get("sg-bastion"), Some(&4), "{lines:?}");
    assert_eq!(lines.get("/ecs/app"), Some(&1), "{lines:?}");
    // A resource no output names, failing a check that reads a profile parameter the profile
    // file sets: the line that asked for the value.
    let legacy = results
        .iter()
        .find(|r| {
            r["ruleId"] == "SG-001"
                && r["locations"][0]["logicalLocations"][0]["name"] == "sg-legacy"
        })
        .expect("SG-001 fails sg-legacy");
    let physical = &legacy["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        ".stackproof/profiles/payments.toml"
    );
    assert_eq!(physical["region"]["startLine"], 2);
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let properties = &rule["properties"];
        assert!(
            properties["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "security"),
            "{rule:#}"
        );
        let score: f64 = properties["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&score), "{rule:#}");
    }
    // The same failure in two runs has the same fingerprint: alerts are matched, not duplicated.
    let again: serde_json::Value = serde_json::from_str(&Format::Sarif.render(&report)).unwrap();
    assert_eq!(
        again["runs"][0]["results"][0]["partialFingerprints"],
        results[0]["partialFingerprints"]
    );
}
