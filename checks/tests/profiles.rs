//! Profiles: the shipped ones load and extend the baseline; bad ones fail with file, key and line.

use std::path::{Path, PathBuf};

use rstest::rstest;
use stackproof_checks::profile::{CpuArchitecture, ProfileError, load_profile};

fn profiles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/profiles")
}

#[rstest]
fn every_shipped_profile_loads(#[files("../fixtures/profiles/*.toml")] path: PathBuf) {
    let profile = load_profile(path.to_str().unwrap(), &profiles_dir()).unwrap();
    assert!(profile.name.is_some(), "{}: no name", path.display());
    if !path.ends_with("baseline.toml") {
        // Every scenario profile builds on the baseline, directly or through its scenario's.
        let base = profile.extends.as_deref().unwrap_or_default();
        assert!(
            base == "baseline" || profiles_dir().join(format!("{base}.toml")).is_file(),
            "{}: extends {base:?}",
            path.display()
        );
        assert_eq!(
            profile.network.flow_logs,
            Some(true),
            "baseline parameters must be inherited"
        );
    }
}

#[test]
fn a_scenario_profile_overrides_the_baseline_and_keeps_the_rest() {
    let profile = load_profile("transaction-processing", &profiles_dir()).unwrap();
    assert_eq!(
        profile.database.min_backup_retention_days,
        Some(1),
        "child value wins"
    );
    assert_eq!(
        profile.security_groups.public_ingress_ports,
        Some(vec![80, 443]),
        "inherited from baseline"
    );
    assert_eq!(profile.network.vpc_cidr.as_deref(), Some("10.0.0.0/16"));
    assert_eq!(
        profile.compute.cpu_architecture,
        Some(CpuArchitecture::Arm64)
    );
    insta::assert_json_snapshot!("transaction_processing_merged", profile);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_unknown_key_names_the_file_the_key_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.toml",
        "name = \"bad\"\n[network]\naz_cont = 2\n",
    );
    let error = load_profile("bad", dir.path()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ProfileError::Invalid { .. }), "{error:?}");
    assert!(message.contains("bad.toml"), "{message}");
    assert!(message.contains("az_cont"), "{message}");
    assert!(message.contains("line 3"), "{message}");
}

#[test]
fn a_wrong_type_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "typed.toml",
        "[logs]\nretention_days = \"thirty\"\n",
    );
    let message = load_profile("typed", dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("typed.toml") && message.contains("retention_days"),
        "{message}"
    );
}

#[test]
fn an_unknown_key_in_a_base_profile_is_reported_against_the_base() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.toml", "[storage]\nversion = true\n");
    write(dir.path(), "child.toml", "extends = \"base\"\n");
    let message = load_profile("child", dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("base.toml") && message.contains("version"),
        "{message}"
    );
}

#[test]
fn a_missing_base_and_a_cycle_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "orphan.toml", "extends = \"nowhere\"\n");
    let error = load_profile("orphan", dir.path()).unwrap_err();
    assert!(
        matches!(&error, ProfileError::Extends { source, .. }
            if matches!(**source, ProfileError::NotFound { .. })),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("orphan.toml") && message.contains("`nowhere`"),
        "the error names the profile that extends: {message}"
    );
    write(dir.path(), "a.toml", "extends = \"b\"\n");
    write(dir.path(), "b.toml", "extends = \"a\"\n");
    let error = load_profile("a", dir.path()).unwrap_err();
    assert!(matches!(error, ProfileError::Cycle { .. }), "{error:?}");
}

#[test]
fn an_invalid_enum_value_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "arch.toml",
        "[compute]\ncpu_architecture = \"arm\"\n",
    );
    let message = load_profile("arch", dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("ARM64"),
        "the error lists the valid values: {message}"
    );
}

#[test]
fn a_name_reaches_the_built_in_profiles_and_a_local_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = load_profile("baseline", dir.path()).unwrap();
    assert_eq!(built_in.name.as_deref(), Some("baseline"));
    write(
        dir.path(),
        "ours.toml",
        "extends = \"baseline\"\n[logs]\nretention_days = 400\n",
    );
    let ours = load_profile("ours", dir.path()).unwrap();
    assert_eq!(ours.logs.retention_days, Some(400));
    assert_eq!(
        ours.iam, built_in.iam,
        "the built-in baseline's tables are merged in"
    );
    write(dir.path(), "baseline.toml", "name = \"local\"\n");
    let local = load_profile("ours", dir.path()).unwrap();
    assert_eq!(
        local.name.as_deref(),
        Some("local"),
        "a local baseline wins"
    );
}

#[test]
fn extends_by_path_is_relative_to_the_extending_profile() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("team/shared")).unwrap();
    write(
        &dir.path().join("team/shared"),
        "base.toml",
        "[logs]\nretention_days = 90\n",
    );
    write(
        &dir.path().join("team"),
        "app.toml",
        "extends = \"shared/base.toml\"\n",
    );
    let path = dir.path().join("team/app.toml");
    let app = load_profile(path.to_str().unwrap(), Path::new("elsewhere")).unwrap();
    assert_eq!(app.logs.retention_days, Some(90));
}

#[test]
fn every_built_in_profile_loads() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in stackproof_checks::profile::BUILTIN {
        load_profile(name, dir.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

proptest::proptest! {
    /// Any text at all: an error or a profile, never a panic.
    #[test]
    fn profile_parsing_never_panics(text in "\\PC{0,300}") {
        let _ = stackproof_checks::profile::parse_profile(&text, Path::new("fuzz.toml"));
    }

    /// Errors name the file and the line on one line, whatever key and value are wrong.
    #[test]
    fn profile_errors_are_one_line_naming_file_and_line(
        table in "(logs|network|compute|bogus)",
        key in "[a-z_]{1,14}",
        value in "(\"[a-z]{0,6}\"|-?[0-9]{1,4}|true|\\[1, \"x\"\\]|[a-z]{1,4})",
    ) {
        let text = format!("name = \"fuzz\"\n[{table}]\n{key} = {value}\n");
        if let Err(error) = stackproof_checks::profile::parse_profile(&text, Path::new("fuzz.toml")) {
            let message = error.to_string();
            proptest::prop_assert!(!message.contains('\n'), "{}", message);
            proptest::prop_assert!(message.contains("fuzz.toml") && message.contains("line "), "{}", message);
        }
    }
}
