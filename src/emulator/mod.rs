//! The embedded emulator: moto's server, started on a free loopback port and stopped with its handle.
//!
//! ```no_run
//! let emulator = stackproof::emulator::Emulator::start(&Default::default())?;
//! println!("moto listens on {}", emulator.endpoint());
//! # Ok::<(), stackproof::emulator::EmulatorError>(())
//! ```
//! Dropping the handle stops the server (SIGTERM to its process group, then SIGKILL), and the
//! server is also told to die with the thread that watches it, so a crashed stackproof leaves no
//! moto behind.

mod locate;
mod process;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

pub use locate::{MOTO_VERSION, locate_moto_server};
pub use process::Emulator;

/// Region, key and secret the emulator accepts; any value works with moto, these are conventional.
/// What the pinned moto accepts but does not keep or return (checked against moto 5.2.1's ECS
/// model): checks reading these `skip` with "not modelled by the emulator".
pub const UNMODELLED: &[&str] = &[
    // CreateService ignores healthCheckGracePeriodSeconds.
    "ecs-service.health_check_grace_period_seconds",
    // CreateService ignores capacityProviderStrategy (it reports launch type EC2).
    "ecs-service.capacity_provider_strategy",
];

pub const EMULATOR_ACCESS_KEY: &str = "testing";
pub const EMULATOR_SECRET_KEY: &str = "testing";

/// How to find, install and start the emulator. `Default` uses the process's `PATH`, the user's
/// cache directory and a 60-second start-up bound.
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    /// Directories searched for `moto_server` and `python3` (the process's `PATH` when `None`).
    pub search_path: Option<OsString>,
    /// Where the private virtualenv lives (`<user cache>/stackproof` when `None`).
    pub cache_dir: Option<PathBuf>,
    /// How long to wait for the server to answer before giving up.
    pub startup_timeout: Duration,
    /// Fixed port; a free one is picked when `None`.
    pub port: Option<u16>,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        Self {
            search_path: None,
            cache_dir: None,
            startup_timeout: Duration::from_secs(60),
            port: None,
        }
    }
}

/// Why the emulator could not be started.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error(
        "moto_server is not on PATH and python3 was not found to install it.\n  \
         Install Python 3 with venv support (Debian/Ubuntu: `apt-get install python3 python3-venv`; \
         macOS: `brew install python`), or install moto yourself: `pip install 'moto[server]=={version}'`,\n  \
         or point stackproof at a running emulator with --endpoint URL."
    )]
    PythonMissing { version: &'static str },
    #[error("installing moto[server]=={version} into {venv} failed ({step}): {detail}")]
    InstallFailed {
        version: &'static str,
        venv: PathBuf,
        step: &'static str,
        detail: String,
    },
    #[error("could not start {program}: {source}")]
    Spawn {
        program: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the emulator ({program}) exited during start-up with {status}; its last output:\n{log_tail}"
    )]
    ExitedEarly {
        program: PathBuf,
        status: String,
        log_tail: String,
    },
    #[error(
        "the emulator at {endpoint} did not answer within {seconds} s; its last output:\n{log_tail}"
    )]
    StartTimeout {
        endpoint: String,
        seconds: u64,
        log_tail: String,
    },
    #[error("emulator I/O error: {0}")]
    Io(#[from] std::io::Error),
}
