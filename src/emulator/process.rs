//! The moto server process: spawned and watched by a keeper thread that owns it.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{EmulatorError, EmulatorOptions, locate_moto_server};

/// How many ports to try when a freshly picked one is taken before moto binds it.
const PORT_ATTEMPTS: usize = 3;
/// How long a stopping server gets between SIGTERM and SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// A running moto server. Stops when dropped.
pub struct Emulator {
    endpoint: String,
    port: u16,
    pid: u32,
    log_path: PathBuf,
    stop: Option<mpsc::Sender<()>>,
    keeper: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Finds (or installs) moto, starts it on a free loopback port and waits until it answers.
    pub fn start(options: &EmulatorOptions) -> Result<Self, EmulatorError> {
        let program = locate_moto_server(options)?;
        let attempts = if options.port.is_some() {
            1
        } else {
            PORT_ATTEMPTS
        };
        let mut last_error = None;
        for _ in 0..attempts {
            let port = match options.port {
                Some(port) => port,
                None => free_port()?,
            };
            match Self::start_on(&program, port, options.startup_timeout) {
                Ok(emulator) => return Ok(emulator),
                Err(error @ EmulatorError::ExitedEarly { .. })
                    if error.to_string().contains("in use") =>
                {
                    last_error = Some(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(last_error.expect("at least one attempt"))
    }

    fn start_on(program: &Path, port: u16, timeout: Duration) -> Result<Self, EmulatorError> {
        let log_path =
            std::env::temp_dir().join(format!("stackproof-moto-{}-{port}.log", std::process::id()));
        let log = File::create(&log_path)?;
        let mut command = Command::new(program);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0);
        // SAFETY: prctl is async-signal-safe; it asks the kernel to SIGTERM the server when the
        // keeper thread that spawned it exits (stop, panic or a killed stackproof alike).
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let exited: Arc<Mutex<Option<ExitStatus>>> = Arc::default();
        let (stop_tx, stop_rx) = mpsc::channel();
        let (spawned_tx, spawned_rx) = mpsc::channel();
        let watched = Arc::clone(&exited);
        let keeper = thread::Builder::new()
            .name(format!("moto-{port}"))
            .spawn(move || match command.spawn() {
                Ok(child) => {
                    let _ = spawned_tx.send(Ok(child.id()));
                    keep(child, &stop_rx, &watched);
                }
                Err(error) => {
                    let _ = spawned_tx.send(Err(error));
                }
            })?;
        let pid = spawned_rx
            .recv()
            .map_err(|_| std::io::Error::other("emulator keeper thread died"))?
            .map_err(|source| EmulatorError::Spawn {
                program: program.to_path_buf(),
                source,
            })?;
        let emulator = Self {
            endpoint: format!("http://127.0.0.1:{port}"),
            port,
            pid,
            log_path,
            stop: Some(stop_tx),
            keeper: Some(keeper),
        };
        emulator.wait_until_ready(program, timeout, &exited)?;
        Ok(emulator)
    }

    fn wait_until_ready(
        &self,
        program: &Path,
        timeout: Duration,
        exited: &Mutex<Option<ExitStatus>>,
    ) -> Result<(), EmulatorError> {
        let deadline = Instant::now() + timeout;
        let probe = format!("{}/moto-api/", self.endpoint);
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(2)))
            .build()
            .new_agent();
        loop {
            if let Some(status) = *exited.lock().expect("exit status lock") {
                return Err(EmulatorError::ExitedEarly {
                    program: program.to_path_buf(),
                    status: status.to_string(),
                    log_tail: self.log_tail(),
                });
            }
            if agent.get(&probe).call().is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(EmulatorError::StartTimeout {
                    endpoint: self.endpoint.clone(),
                    seconds: timeout.as_secs(),
                    log_tail: self.log_tail(),
                });
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// The base URL to give the AWS SDK, e.g. `http://127.0.0.1:40123`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's process id (it leads its own process group).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Where the server's own output goes (deleted when the emulator stops).
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// Forgets every resource the emulator holds (moto's `/moto-api/reset`).
    pub fn reset(&self) -> Result<(), EmulatorError> {
        ureq::post(format!("{}/moto-api/reset", self.endpoint))
            .send_empty()
            .map_err(|error| std::io::Error::other(error.to_string()))?;
        Ok(())
    }

    /// Stops the server and waits until its process is gone.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        drop(self.stop.take());
        if let Some(keeper) = self.keeper.take() {
            let _ = keeper.join();
        }
        let _ = std::fs::remove_file(&self.log_path);
    }

    /// The last lines the server printed, for error messages.
    fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = File::open(&self.log_path) {
            let length = file.metadata().map(|meta| meta.len()).unwrap_or(0);
            let _ = file.seek(SeekFrom::Start(length.saturating_sub(4000)));
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The keeper thread's body: record an early exit, and on stop (or when the handle's sender is
/// dropped) terminate the whole process group and reap it.
fn keep(mut child: Child, stop: &mpsc::Receiver<()>, exited: &Mutex<Option<ExitStatus>>) {
    loop {
        match stop.recv_timeout(Duration::from_millis(100)) {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    *exited.lock().expect("exit status lock") = Some(status);
                    return;
                }
            }
        }
    }
    let group = child.id() as libc::pid_t;
    // SAFETY: plain signal delivery to the process group this thread created.
    unsafe { libc::killpg(group, libc::SIGTERM) };
    let deadline = Instant::now() + STOP_GRACE;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        thread::sleep(Duration::from_millis(25));
    }
    // SAFETY: as above.
    unsafe { libc::killpg(group, libc::SIGKILL) };
    let _ = child.wait();
}

fn free_port() -> Result<u16, EmulatorError> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
