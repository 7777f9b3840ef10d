//! Bad input gets a clear error and loses nothing: every case of the checked-in corpus
//! (`fixtures/bad-input/cases.toml`, written by `scripts/make-bad-input.py`) through the real
//! binary — outputs files (`outputs --json`, and the human table), saved inventories
//! (`check --inventory`), profiles and waivers (`check` of a small valid inventory with them).
//! Each must give its exit code and name what its message must name; a refusal is one line; and
//! nothing the input carries (ANSI escapes, control characters) reaches the terminal raw.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(serde::Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    input: String,
    exit: i32,
    words: Vec<String>,
    note: String,
}

const CORPUS: &str = "fixtures/bad-input";

/// An inventory every check can read: one log group keeping events 30 days.
fn small_inventory(dir: &Path) -> PathBuf {
    let path = dir.join("small-inventory.json");
    std::fs::write(
        &path,
        r#"{"schema_version": 1, "meta": {"target": "endpoint http://127.0.0.1:5000"}, "log_groups": [{"name": "/ecs/app", "retention_days": 30}]}"#,
    )
    .unwrap();
    path
}

/// Runs the case's commands: (exit code, stdout, stderr, whether its words must show). For an
/// outputs file, the words are looked for in the JSON, and the human table must only be safe.
fn run(case: &Case, dir: &Path) -> Vec<(i32, String, String, bool)> {
    let file = Path::new(CORPUS).join(&case.file);
    let reports = dir.join("reports");
    let mut commands: Vec<Command> = Vec::new();
    let binary = env!("CARGO_BIN_EXE_stackproof");
    match case.input.as_str() {
        "outputs" => {
            let mut json = Command::new(binary);
            json.arg("outputs").arg(&file).arg("--json");
            let mut table = Command::new(binary);
            table.arg("outputs").arg(&file);
            commands.extend([json, table]);
        }
        "inventory" => {
            let mut check = Command::new(binary);
            check.arg("check").arg("--inventory").arg(&file);
            check.arg("--report-dir").arg(&reports);
            commands.push(check);
        }
        option => {
            let mut check = Command::new(binary);
            check
                .arg("check")
                .arg("--inventory")
                .arg(small_inventory(dir))
                .arg(format!("--{option}"))
                .arg(&file);
            if option == "waivers" {
                check.args(["--profile", "empty"]);
            }
            check.arg("--report-dir").arg(&reports);
            commands.push(check);
        }
    }
    commands
        .iter_mut()
        .enumerate()
        .map(|(index, command)| {
            let output = command
                .env("STACKPROOF_PROFILES_DIR", dir)
                .output()
                .unwrap();
            (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
                index == 0 || case.exit != 0,
            )
        })
        .collect()
}

#[test]
fn the_corpus_has_at_least_a_hundred_cases_of_every_input() {
    let corpus: Corpus =
        toml::from_str(&std::fs::read_to_string(Path::new(CORPUS).join("cases.toml")).unwrap())
            .unwrap();
    assert!(corpus.case.len() >= 100, "{} cases", corpus.case.len());
    for input in ["outputs", "inventory", "profile", "waivers"] {
        assert!(
            corpus.case.iter().filter(|c| c.input == input).count() >= 10,
            "{input}"
        );
    }
}

#[test]
fn every_bad_input_gets_its_exit_code_and_a_clear_message() {
    let corpus: Corpus =
        toml::from_str(&std::fs::read_to_string(Path::new(CORPUS).join("cases.toml")).unwrap())
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Profile cases refer to each other by name: they are looked up in the corpus folder.
    for entry in std::fs::read_dir(Path::new(CORPUS).join("profile")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("empty.toml"), "").unwrap();
    let mut problems = Vec::new();
    for case in &corpus.case {
        for (code, stdout, stderr, words_show) in run(case, dir.path()) {
            let text = format!("{stdout}{stderr}");
            let what = format!("{} ({})", case.file, case.note);
            if code != case.exit {
                problems.push(format!(
                    "{what}: exit {code}, expected {}\n{text}",
                    case.exit
                ));
                continue;
            }
            for word in case.words.iter().filter(|_| words_show) {
                if !text.contains(word.as_str()) {
                    problems.push(format!("{what}: says nothing of `{word}`\n{text}"));
                }
            }
            if case.exit == 2 {
                let lines: Vec<&str> = stderr.trim().lines().collect();
                if lines.len() != 1 || !lines[0].starts_with("error: ") {
                    problems.push(format!("{what}: the refusal is not one line:\n{stderr}"));
                }
            }
            if text.contains(['\u{1b}', '\u{0}', '\u{7}', '\u{8}']) {
                problems.push(format!("{what}: a control character reached the terminal"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
