//! What a version tag publishes (issue #21): cargo-dist's plan has an archive per target with
//! the binary, completions and man pages and a checksum each, and the shell installer; the
//! release workflow is what `dist generate` makes of `dist-workspace.toml`; `cargo binstall`
//! metadata and the GitHub Action ask for exactly the archives dist names. `dist` is installed
//! by `.ci/run` under `~/.cache/stackproof/dist`; without it the parts that run it skip, saying so.

use std::path::PathBuf;
use std::process::Command;

use yaml_rust2::YamlLoader;

fn dist() -> Option<PathBuf> {
    let path = std::env::var_os("STACKPROOF_DIST")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|home| PathBuf::from(home).join(".cache/stackproof/dist/bin/dist"))
        })?;
    path.is_file().then_some(path)
}

/// The targets `dist-workspace.toml` builds.
fn dist_targets() -> Vec<String> {
    let text = std::fs::read_to_string("dist-workspace.toml").unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    config["dist"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn dist_plans_an_archive_per_target_with_the_binary_completions_and_man_pages() {
    let Some(dist) = dist() else {
        eprintln!(
            "SKIPPED: dist not installed (cargo install cargo-dist --locked --root ~/.cache/stackproof/dist; .ci/run does this)"
        );
        return;
    };
    let plan = Command::new(&dist)
        .args(["plan", "--output-format=json"])
        .output()
        .unwrap();
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let artifacts = plan["artifacts"].as_object().unwrap();
    assert!(
        artifacts.contains_key("stackproof-installer.sh"),
        "{artifacts:?}"
    );
    let targets = dist_targets();
    assert!(targets.len() >= 4, "{targets:?}");
    for target in &targets {
        let name = format!("stackproof-{target}.tar.xz");
        let archive = &artifacts[&name];
        let assets: Vec<&str> = archive["assets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        for asset in ["stackproof", "share", "README.md"] {
            assert!(assets.contains(&asset), "{name} lacks {asset}: {assets:?}");
        }
        assert_eq!(archive["checksum"], format!("{name}.sha256"));
    }
}

#[test]
fn the_release_workflow_is_what_dist_generates() {
    let Some(dist) = dist() else {
        eprintln!("SKIPPED: dist not installed (.ci/run installs it)");
        return;
    };
    let check = Command::new(&dist)
        .args(["generate", "--check"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "release.yml is stale: run `dist generate`\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// `cargo binstall` finds the archive dist publishes for a target, and the binary inside it.
#[test]
fn binstall_metadata_names_the_archives_dist_publishes() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string("Cargo.toml").unwrap()).unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let url = binstall["pkg-url"].as_str().unwrap();
    let bin_dir = binstall["bin-dir"].as_str().unwrap();
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("txz"));
    for target in dist_targets() {
        let fill = |template: &str| {
            template
                .replace("{ name }", "stackproof")
                .replace("{ target }", &target)
                .replace("{ bin }", "stackproof")
                .replace("{ binary-ext }", "")
                .replace("{ version }", "1.2.3")
                .replace("{ repo }", "https://github.com/your-org/stackproof")
        };
        assert_eq!(
            fill(url),
            format!(
                "https://github.com/your-org/stackproof/releases/download/v1.2.3/stackproof-{target}.tar.xz"
            )
        );
        assert_eq!(fill(bin_dir), format!("stackproof-{target}/stackproof"));
    }
}

/// Every runner the GitHub Action installs for gets an archive dist builds.
#[test]
fn the_action_installs_archives_dist_builds() {
    let text = std::fs::read_to_string("action.yml").unwrap();
    let action = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let script = action["runs"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.contains("RUNNER_ARCH")))
        .unwrap();
    let chosen: Vec<&str> = script
        .lines()
        .filter(|line| line.contains(')'))
        .filter_map(|line| line.split("target=").nth(1))
        .map(|rest| {
            rest.split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches(';')
        })
        .collect();
    assert_eq!(chosen.len(), 4, "{script}");
    let targets = dist_targets();
    for target in chosen {
        assert!(
            targets.iter().any(|t| t == target),
            "{target} is not built: {targets:?}"
        );
    }
}
