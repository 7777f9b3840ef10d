//! Finding `moto_server`, or installing a pinned moto into a private virtualenv once.

use std::ffi::OsString;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{EmulatorError, EmulatorOptions};

/// The moto release installed when `moto_server` is missing.
pub const MOTO_VERSION: &str = "5.2.1";

/// Environment variable naming a `moto_server` executable to use instead of searching.
pub const MOTO_SERVER_ENV: &str = "STACKPROOF_MOTO_SERVER";

/// Returns the `moto_server` to run: `$STACKPROOF_MOTO_SERVER`, then `PATH`, then the private
/// virtualenv, installing moto there (once, under a file lock) when none exists.
pub fn locate_moto_server(options: &EmulatorOptions) -> Result<PathBuf, EmulatorError> {
    if let Some(explicit) = std::env::var_os(MOTO_SERVER_ENV) {
        return Ok(PathBuf::from(explicit));
    }
    let search_path = options
        .search_path
        .clone()
        .or_else(|| std::env::var_os("PATH"))
        .unwrap_or_default();
    if let Some(found) = find_in(&search_path, "moto_server") {
        return Ok(found);
    }
    let venv = venv_dir(options);
    let in_venv = venv.join("bin").join("moto_server");
    if in_venv.is_file() {
        return Ok(in_venv);
    }
    let python = find_in(&search_path, "python3").ok_or(EmulatorError::PythonMissing {
        version: MOTO_VERSION,
    })?;
    install_into(&python, &venv)?;
    Ok(in_venv)
}

fn find_in(search_path: &OsString, program: &str) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    which::which_in(program, Some(search_path), cwd).ok()
}

fn venv_dir(options: &EmulatorOptions) -> PathBuf {
    let cache = options
        .cache_dir
        .clone()
        .or_else(|| dirs::cache_dir().map(|dir| dir.join("stackproof")))
        .unwrap_or_else(|| std::env::temp_dir().join("stackproof-cache"));
    cache.join(format!("moto-{MOTO_VERSION}"))
}

/// Creates the virtualenv and installs moto into it. Concurrent callers (parallel tests) wait on
/// a lock file; the one that finds the work done returns at once.
fn install_into(python: &Path, venv: &Path) -> Result<(), EmulatorError> {
    let failed = |step, detail: String| EmulatorError::InstallFailed {
        version: MOTO_VERSION,
        venv: venv.to_path_buf(),
        step,
        detail,
    };
    let parent = venv.parent().unwrap_or(venv);
    fs::create_dir_all(parent)?;
    let lock = File::create(parent.join(format!("moto-{MOTO_VERSION}.lock")))?;
    lock.lock()?;
    let marker = venv.join(".stackproof-installed");
    if marker.is_file() {
        return Ok(());
    }
    eprintln!(
        "stackproof: moto_server is not on PATH; installing moto[server]=={MOTO_VERSION} into {} (once)",
        venv.display()
    );
    run_step(
        Command::new(python)
            .args(["-m", "venv", "--clear"])
            .arg(venv),
    )
    .map_err(|detail| failed("python3 -m venv", detail))?;
    let pip = venv.join("bin").join("python");
    run_step(Command::new(&pip).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("moto[server]=={MOTO_VERSION}"),
    ]))
    .map_err(|detail| failed("pip install", detail))?;
    fs::write(&marker, MOTO_VERSION)?;
    eprintln!("stackproof: moto {MOTO_VERSION} installed");
    Ok(())
}

fn run_step(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|error| error.to_string())?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(format!("{}: {}", output.status, stderr.trim()))
}
