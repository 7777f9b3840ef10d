//! The offline commands through the real binary: `checks list|explain`, `check` on saved inventories.

use std::path::Path;
use std::process::{Command, Output};

/// Where the commands of this test binary write their reports.
fn report_root() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("stackproof-cli-offline-{}", std::process::id()))
}

fn stackproof(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(args)
        .env("STACKPROOF_REPORT_DIR", report_root())
        .output()
        .unwrap()
}

/// The report directory a `check` printed (`reports: DIR`).
fn report_dir_of(output: &Output) -> std::path::PathBuf {
    let text = stdout(output);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("reports: "))
        .unwrap_or_else(|| panic!("no reports line in {text}"));
    std::path::PathBuf::from(line)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes the `inventory` part of a check fixture to its own file.
fn inventory_from_fixture(dir: &Path, fixture: &str) -> String {
    let text = std::fs::read_to_string(fixture).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let path = dir.join("inventory.json");
    let mut inventory = value["inventory"].clone();
    inventory["schema_version"] = 1.into();
    inventory["meta"]["target"] = "endpoint http://127.0.0.1:5000".into();
    std::fs::write(&path, inventory.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn help_explains_the_tool_and_lists_subcommands() {
    let output = stackproof(&["--help"]);
    let text = stdout(&output);
    assert!(
        text.contains("verifies that a deployed AWS stack"),
        "{text}"
    );
    for subcommand in ["check", "checks", "emulator"] {
        assert!(
            text.contains(subcommand),
            "{subcommand} missing from --help"
        );
    }
}

#[test]
fn checks_list_shows_the_library_with_severity_and_references() {
    let output = stackproof(&["checks", "list", "--json"]);
    assert!(output.status.success());
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(docs.len() >= 45, "{} checks", docs.len());
    assert!(
        docs.iter()
            .all(|d| d["severity"].is_string() && !d["references"].as_array().unwrap().is_empty())
    );
    let table = stdout(&stackproof(&["checks", "list"]));
    assert!(
        table.contains("SG-008") && table.contains("critical") && table.contains("FSBP EC2.13"),
        "{table}"
    );
}

#[test]
fn checks_explain_prints_rationale_and_remediation_and_rejects_unknown_ids() {
    let text = stdout(&stackproof(&["checks", "explain", "S3-001"]));
    assert!(
        text.contains("Why it matters")
            && text.contains("Remediation")
            && text.contains("FSBP S3.8"),
        "{text}"
    );
    let unknown = stackproof(&["checks", "explain", "NOPE-001"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown check `NOPE-001`"));
}

#[test]
fn check_reports_failures_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/SG-008/fail.json");
    let output = stackproof(&[
        "check",
        "--inventory",
        &inventory,
        "--profile",
        "transaction-processing",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("with profile transaction-processing"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("FAIL") && l.contains("SG-008") && l.contains("sg-x")),
        "{text}"
    );
}

#[test]
fn check_passes_a_compliant_inventory_with_exit_code_0() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/LOGS-001/pass.json");
    let output = stackproof(&["check", "--inventory", &inventory]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let reports = report_dir_of(&output);
    assert!(reports.starts_with(report_root()));
    for file in stackproof_checks::report::report_files() {
        assert!(
            reports.join(file).is_file(),
            "{file} missing from {}",
            reports.display()
        );
    }
    assert!(stdout(&output).contains("fail 0  error 0"));
}

#[test]
fn check_applies_waivers_and_reports_expired_ones() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/SG-008/fail.json");
    let waivers = dir.path().join("waivers.toml");
    let entry = |check: &str, resource: &str, expires: &str| {
        format!(
            "[[waiver]]\ncheck = \"{check}\"\nresource = \"{resource}\"\njustification = \"bastion during migration\"\napprover = \"ciso@example.com\"\nticket = \"SEC-7\"\nexpires = {expires}\n"
        )
    };
    let waived = entry("SG-001", "sg-alb", "2999-01-01")
        + &entry("SG-001", "sg-x", "2999-01-01")
        + &entry("SG-008", "sg-x", "2999-01-01");
    std::fs::write(&waivers, waived + &entry("SG-008", "sg-old", "2000-01-01")).unwrap();
    let output = stackproof(&[
        "check",
        "--inventory",
        &inventory,
        "--waivers",
        waivers.to_str().unwrap(),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("WAIVED") && l.contains("SG-008") && l.contains("sg-x")),
        "{text}"
    );
    assert!(
        text.contains("fail 0  error 0") && text.contains("waived 3"),
        "{text}"
    );
    assert!(text.contains("EXPIRED waiver SG-008 for sg-old"), "{text}");
}

#[test]
fn a_malformed_inventory_names_the_file_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        r#"{"vpcs": [{"id": "vpc-1", "cidr_blok": "10.0.0.0/16"}]}"#,
    )
    .unwrap();
    let output = stackproof(&["check", "--inventory", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("broken.json")
            && message.contains("vpcs[0]")
            && message.contains("cidr_blok"),
        "{message}"
    );
}

#[test]
fn a_bad_profile_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/LOGS-002/pass.json");
    let profile = dir.path().join("custom.toml");
    std::fs::write(&profile, "[logs]\nretention = 30\n").unwrap();
    let output = stackproof(&[
        "check",
        "--inventory",
        &inventory,
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("custom.toml") && message.contains("retention"),
        "{message}"
    );
}

#[test]
fn outputs_prints_the_classification_as_a_table_and_as_json() {
    let table = stackproof(&["outputs", "fixtures/outputs/cdk-flat.json"]);
    assert!(table.status.success());
    let text = stdout(&table);
    assert!(
        text.contains("VpcIdsyntho1ccp")
            && text.contains("db-cluster-endpoint")
            && text.contains("1 unclassified"),
        "{text}"
    );
    let json = stackproof(&["outputs", "fixtures/outputs/terraform.json", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["format"], "terraform");
    assert!(
        value["anchors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "vpc")
    );
    assert!(
        !String::from_utf8_lossy(&json.stdout).contains("correct-horse"),
        "sensitive value printed"
    );
}

#[test]
fn outputs_on_a_malformed_file_is_a_usage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flat-outputs.json");
    std::fs::write(&path, "{\"VpcId\": \"vpc-1\",").unwrap();
    let output = stackproof(&["outputs", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("flat-outputs.json") && stderr(&output).contains("not valid JSON"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn errors_without_failures_exit_3_and_formats_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("inventory.json");
    let unreadable = serde_json::json!({
        "schema_version": 1,
        "meta": {"target": "endpoint http://127.0.0.1:5000"},
        "log_groups": [{"name": "/ecs/app", "errors": {"*": {
            "operation": "logs:DescribeLogGroups", "message": "ThrottlingException: Rate exceeded"}}}]
    });
    std::fs::write(&inventory, unreadable.to_string()).unwrap();
    let output = stackproof(&[
        "check",
        "--inventory",
        inventory.to_str().unwrap(),
        "--format",
        "junit,markdown",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(
        text.contains("fail 0  error ") && !text.contains("error 0 "),
        "{text}"
    );
    let reports = report_dir_of(&output);
    let mut files: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(files, ["MANIFEST.sha256", "junit.xml", "summary.md"]);
    let junit = std::fs::read_to_string(reports.join("junit.xml")).unwrap();
    assert!(
        junit.contains("<error") && junit.contains("logs:DescribeLogGroups"),
        "{junit}"
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = stackproof(&["check", "--inventory", "x.json", "--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown format `pdf`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn report_merge_joins_shards_counting_each_result_once() {
    let dir = tempfile::tempdir().unwrap();
    let shards = dir.path().join("shards");
    let mut shard_dirs = Vec::new();
    for fixture in [
        "LOGS-001/pass.json",
        "SG-008/fail.json",
        "LOGS-001/pass.json",
    ] {
        let work = tempfile::tempdir().unwrap();
        let inventory = inventory_from_fixture(work.path(), &format!("fixtures/checks/{fixture}"));
        let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args(["check", "--inventory", &inventory, "--report-dir"])
            .arg(&shards)
            .output()
            .unwrap();
        shard_dirs.push(report_dir_of(&output));
    }
    let reports: Vec<stackproof_checks::report::RunReport> = shard_dirs
        .iter()
        .map(|d| {
            serde_json::from_str(&std::fs::read_to_string(d.join("report.json")).unwrap()).unwrap()
        })
        .collect();
    let merged_root = dir.path().join("merged");
    let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["report", "merge"])
        .args(&shard_dirs)
        .arg("--report-dir")
        .arg(&merged_root)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a shard failed: {}",
        stderr(&output)
    );
    let merged_dir = report_dir_of(&output);
    let merged: stackproof_checks::report::RunReport =
        serde_json::from_str(&std::fs::read_to_string(merged_dir.join("report.json")).unwrap())
            .unwrap();
    // The two LOGS-001 shards checked different temporary files: both stay, named apart.
    assert_eq!(merged.stacks.len(), 3);
    let total: usize = reports.iter().map(|r| r.results().count()).sum();
    assert_eq!(merged.results().count(), total, "summaries add up");
    for status in stackproof_checks::result::Status::ALL {
        let sum: usize = reports.iter().map(|r| r.count(status)).sum();
        assert_eq!(merged.count(status), sum, "{status:?}");
    }
    // Merging a shard with itself counts it once.
    let again = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["report", "merge"])
        .arg(&shard_dirs[1])
        .arg(&shard_dirs[1])
        .arg("--report-dir")
        .arg(&merged_root)
        .output()
        .unwrap();
    let once: stackproof_checks::report::RunReport = serde_json::from_str(
        &std::fs::read_to_string(report_dir_of(&again).join("report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(once.results().count(), reports[1].results().count());
    let check = Command::new("sha256sum")
        .args(["-c", "MANIFEST.sha256"])
        .current_dir(&merged_dir)
        .output();
    if let Ok(check) = check {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    for file in stackproof_checks::report::report_files() {
        assert!(merged_dir.join(file).is_file(), "{file}");
    }
}

#[test]
fn merging_a_directory_without_a_report_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = stackproof(&["report", "merge", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("report.json"),
        "{}",
        stderr(&output)
    );
}

/// Reports name a stack by what it is, not by the (often temporary) file it was read from:
/// `--stack-name`, else the stack its outputs named, else its environment suffix.
#[test]
fn reports_name_the_stack_not_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/STACK-002/pass.json");
    let name_in_report = |extra: &[&str], edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&inventory).unwrap()).unwrap();
        edit(&mut value);
        let path = dir.path().join("edited.json");
        std::fs::write(&path, value.to_string()).unwrap();
        let mut args = vec!["check", "--inventory", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let output = stackproof(&args);
        let report = report_dir_of(&output).join("report.json");
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
        report["stacks"][0]["name"].as_str().unwrap().to_string()
    };
    assert_eq!(name_in_report(&[], &|_| {}), "x1", "the environment suffix");
    assert_eq!(
        name_in_report(&[], &|v| v["meta"]["stack"] = "payments-prod".into()),
        "payments-prod"
    );
    assert_eq!(
        name_in_report(&["--stack-name", "payments"], &|v| {
            v["meta"]["stack"] = "payments-prod".into()
        }),
        "payments"
    );
}

/// `completions SHELL` prints a completion script clap generates from the CLI definition; the
/// bash one is valid bash (`bash -n`) and completes subcommands and their options.
#[test]
fn completions_are_generated_for_bash_zsh_and_fish() {
    for (shell, marker, option) in [
        ("bash", "_stackproof()", "--outputs"),
        ("zsh", "#compdef stackproof", "--outputs"),
        ("fish", "complete -c stackproof", "-l outputs"),
    ] {
        let output = stackproof(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("provision") && script.contains(option),
            "{shell}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("stackproof.bash");
    std::fs::write(&script, stdout(&stackproof(&["completions", "bash"]))).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{}", stderr(&syntax));
    let unknown = stackproof(&["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
}

/// `man` prints the man page of the CLI (roff); `man --dir DIR` writes one page per command,
/// as the release archives ship them.
#[test]
fn man_pages_are_generated_from_the_cli_definition() {
    let output = stackproof(&["man"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = stdout(&output);
    assert!(
        page.starts_with(".ie") || page.contains(".TH stackproof 1"),
        "{page}"
    );
    assert!(page.contains("provision"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let output = stackproof(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for name in [
        "stackproof.1",
        "stackproof-check.1",
        "stackproof-run.1",
        "stackproof-checks-explain.1",
    ] {
        let page = std::fs::read_to_string(dir.path().join(name))
            .unwrap_or_else(|_| panic!("{name} not written: {}", stdout(&output)));
        assert!(page.contains(".TH"), "{name}: {page}");
    }
}

/// `--version` names the git revision the binary was built from (in a checkout).
#[test]
fn the_version_carries_the_git_revision() {
    let output = stackproof(&["--version"]);
    let version = stdout(&output);
    assert!(
        version.starts_with(&format!("stackproof {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    let Some(head) = head.ok().filter(|h| h.status.success()) else {
        eprintln!("skipped: not a git checkout");
        return;
    };
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let revision = version
        .split("rev ")
        .nth(1)
        .and_then(|rest| rest.split([')', '-']).next())
        .unwrap_or_else(|| panic!("no revision in {version}"));
    assert!(
        revision.len() >= 7 && head.starts_with(revision),
        "{version} names {revision}, HEAD is {head}"
    );
}

/// The completions and man pages the release archives ship (`share/`, dist's `include`) are
/// what this binary generates; `STACKPROOF_UPDATE_DOCS=1` rewrites them.
#[test]
fn the_shipped_completions_and_man_pages_are_current() {
    let share = Path::new(env!("CARGO_MANIFEST_DIR")).join("share");
    let generated = tempfile::tempdir().unwrap();
    let completions = generated.path().join("completions");
    std::fs::create_dir_all(&completions).unwrap();
    for (shell, file) in [
        ("bash", "stackproof.bash"),
        ("zsh", "_stackproof"),
        ("fish", "stackproof.fish"),
    ] {
        std::fs::write(
            completions.join(file),
            stackproof(&["completions", shell]).stdout,
        )
        .unwrap();
    }
    let man = generated.path().join("man/man1");
    let output = stackproof(&["man", "--dir", man.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    if std::env::var_os("STACKPROOF_UPDATE_DOCS").is_some() {
        let _ = std::fs::remove_dir_all(&share);
        copy_tree(generated.path(), &share);
    }
    let listing = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{}", dir.display())) {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path.strip_prefix(root).unwrap().display().to_string();
                    files.push((name, std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let (shipped, fresh) = (listing(&share), listing(generated.path()));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&shipped),
        names(&fresh),
        "run STACKPROOF_UPDATE_DOCS=1 cargo test --test cli_offline"
    );
    for ((name, old), (_, new)) in shipped.iter().zip(&fresh) {
        assert!(
            old == new,
            "share/{name} is stale: run STACKPROOF_UPDATE_DOCS=1 cargo test --test cli_offline"
        );
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A result about a profiled value on a resource no output names points code scanning at the
/// line of the user's profile file that asked for the value.
#[test]
fn sarif_points_a_profiled_failure_at_the_profile_line() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = inventory_from_fixture(dir.path(), "fixtures/checks/LOGS-002/fail.json");
    let profile = dir.path().join("retention.toml");
    std::fs::write(
        &profile,
        "extends = \"baseline\"\n\n[logs]\nretention_days = 30\n",
    )
    .unwrap();
    let output = stackproof(&[
        "check",
        "--inventory",
        &inventory,
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(report_dir_of(&output).join("results.sarif")).unwrap(),
    )
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let week = results
        .iter()
        .find(|r| r["ruleId"] == "LOGS-002")
        .expect("LOGS-002 fails /ecs/week");
    let physical = &week["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        profile.to_str().unwrap()
    );
    assert_eq!(physical["region"]["startLine"], 4);
}

#[test]
fn check_template_judges_a_template_and_points_sarif_at_its_lines() {
    let output = stackproof(&["check", "--template", "template/tests/templates/web.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("FAIL   SG-008"), "{text}");
    assert!(text.contains("security-group AdminSg"), "{text}");
    assert!(
        text.contains("not covered: AWS::Lambda::Function (Fn)"),
        "{text}"
    );
    let dir = report_dir_of(&output);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.sarif")).unwrap()).unwrap();
    let ssh = (sarif["runs"][0]["results"].as_array().unwrap().iter())
        .find(|r| r["ruleId"] == "SG-008")
        .expect("SG-008 fails AdminSg");
    let physical = &ssh["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "template/tests/templates/web.yaml"
    );
    let line = std::fs::read_to_string("template/tests/templates/web.yaml")
        .unwrap()
        .lines()
        .position(|l| l == "  AdminSg:")
        .unwrap()
        + 1;
    assert_eq!(physical["region"]["startLine"], line);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["stacks"][0]["name"], "web");
}

#[test]
fn a_broken_template_is_a_usage_error_naming_the_file_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(
        &path,
        "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties: [1, 2\n",
    )
    .unwrap();
    let output = stackproof(&["check", "--template", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("broken.yaml") && message.contains("invalid YAML"),
        "{message}"
    );
    let output = stackproof(&["check", "--parameter", "A=1"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "--parameter without --template"
    );
}
