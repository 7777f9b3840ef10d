//! The HTML report in a real browser: headless Chromium renders `report.html` from a `check`,
//! shows the expected headings, takes a screenshot, and the page requests nothing.
//!
//! The browser is driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`),
//! and a request counts when the page's own target announces it (`Network.requestWillBeSent` on
//! the page's session). The browser's background traffic (component updates, time checks, which
//! differ between Chromium versions) belongs to no page and is never counted. A control page that
//! loads one image proves the counting sees a request.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it); without it the test says so and skips.

mod devtools {
    use std::io::{BufRead, BufReader, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{Receiver, channel};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    /// What a page did while it loaded.
    pub struct PageVisit {
        /// URLs the page itself requested, the page excepted (inline `data:` content is none).
        pub requests: Vec<String>,
        pub dom: String,
        /// The screenshot as the protocol returns it (base64 PNG).
        pub screenshot_base64: String,
    }

    /// A headless Chromium spoken to over fds 3 (commands in) and 4 (replies and events out).
    pub struct Browser {
        child: Child,
        commands: std::io::PipeWriter,
        messages: Receiver<Value>,
        next_id: u64,
        /// Events read while waiting for a reply, in arrival order.
        pending: Vec<Value>,
    }

    impl Browser {
        pub fn launch(executable: &Path, profile_dir: &Path) -> Browser {
            let (command_reader, commands) = std::io::pipe().unwrap();
            let (replies, reply_writer) = std::io::pipe().unwrap();
            let (command_fd, reply_fd) = (command_reader.as_raw_fd(), reply_writer.as_raw_fd());
            let mut command = Command::new(executable);
            command
                .args([
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-default-apps",
                    "--disable-sync",
                    "--disable-extensions",
                    "--remote-debugging-pipe",
                    "--window-size=1280,2400",
                ])
                .arg(format!("--user-data-dir={}", profile_dir.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(profile_dir.with_extension("log")).unwrap());
            // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec. Both ends
            // are first copied above 4 so neither is overwritten by the other's move, and dup2
            // onto a different fd clears close-on-exec.
            unsafe {
                command.pre_exec(move || {
                    let high = |fd| libc::fcntl(fd, libc::F_DUPFD, 10);
                    let (commands, replies) = (high(command_fd), high(reply_fd));
                    if commands < 0
                        || replies < 0
                        || libc::dup2(commands, 3) < 0
                        || libc::dup2(replies, 4) < 0
                    {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = command.spawn().expect("chromium starts");
            drop((command_reader, reply_writer));
            let (sender, messages) = channel();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(replies);
                let mut message = Vec::new();
                while reader.read_until(0, &mut message).unwrap_or(0) > 0 {
                    message.pop_if(|byte| *byte == 0);
                    if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                        if sender.send(value).is_err() {
                            break;
                        }
                    }
                    message.clear();
                }
            });
            Browser {
                child,
                commands,
                messages,
                next_id: 0,
                pending: Vec::new(),
            }
        }

        fn receive(&mut self, deadline: Instant) -> Value {
            let left = deadline.saturating_duration_since(Instant::now());
            self.messages
                .recv_timeout(left)
                .expect("chromium answers in time")
        }

        /// Sends a command (on a page's session when given) and waits for its result.
        pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
            self.next_id += 1;
            let id = self.next_id;
            let mut message = json!({"id": id, "method": method, "params": params});
            if let Some(session) = session {
                message["sessionId"] = json!(session);
            }
            let mut bytes = serde_json::to_vec(&message).unwrap();
            bytes.push(0);
            self.commands.write_all(&bytes).unwrap();
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                let message = self.receive(deadline);
                if message["id"] == json!(id) {
                    assert!(message.get("error").is_none(), "{method} failed: {message}");
                    return message["result"].clone();
                }
                self.pending.push(message);
            }
        }

        /// Waits for an event of `session`, keeping every message read on the way.
        fn wait_for(&mut self, session: &str, method: &str) {
            let seen = |m: &Value| m["method"] == json!(method) && m["sessionId"] == json!(session);
            if self.pending.iter().any(seen) {
                return;
            }
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                let message = self.receive(deadline);
                let done = seen(&message);
                self.pending.push(message);
                if done {
                    return;
                }
            }
        }

        /// Opens `url` in a new page, lets it settle, and reports what the page requested.
        pub fn visit(&mut self, url: &str) -> PageVisit {
            let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
            let attached = self.call(
                None,
                "Target.attachToTarget",
                json!({"targetId": target["targetId"], "flatten": true}),
            );
            let session = attached["sessionId"].as_str().unwrap().to_string();
            let session = Some(session.as_str());
            self.call(session, "Network.enable", json!({}));
            self.call(session, "Page.enable", json!({}));
            self.pending.clear();
            self.call(session, "Page.navigate", json!({"url": url}));
            self.wait_for(session.unwrap(), "Page.loadEventFired");
            // Late requests (timers, lazy images) get a moment to show themselves.
            std::thread::sleep(Duration::from_millis(500));
            let dom = self.call(
                session,
                "Runtime.evaluate",
                json!({"expression": "document.documentElement.outerHTML", "returnByValue": true}),
            )["result"]["value"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let screenshot_base64 = self.call(session, "Page.captureScreenshot", json!({}))["data"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            while let Ok(message) = self.messages.try_recv() {
                self.pending.push(message);
            }
            let requests = self
                .pending
                .iter()
                .filter(|m| {
                    m["method"] == json!("Network.requestWillBeSent")
                        && m["sessionId"] == json!(session.unwrap())
                })
                .filter_map(|m| m["params"]["request"]["url"].as_str())
                .filter(|requested| *requested != url && !requested.starts_with("data:"))
                .map(str::to_string)
                .collect();
            PageVisit {
                requests,
                dom,
                screenshot_base64,
            }
        }
    }

    impl Drop for Browser {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| which(name))
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    })
}

/// A report of a stack with fails, a waiver and an error, written by `stackproof check`.
fn html_report(dir: &Path) -> PathBuf {
    let inventory = dir.join("inventory.json");
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("fixtures/checks/SG-008/fail.json").unwrap())
            .unwrap();
    let mut saved = fixture["inventory"].clone();
    saved["schema_version"] = 1.into();
    saved["meta"]["target"] = "endpoint http://127.0.0.1:5000".into();
    std::fs::write(&inventory, saved.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args([
            "check",
            "--profile",
            "transaction-processing",
            "--inventory",
        ])
        .arg(&inventory)
        .arg("--report-dir")
        .arg(dir.join("reports"))
        .args(["--format", "html"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let reports = text
        .lines()
        .find_map(|l| l.strip_prefix("reports: "))
        .expect("reports line");
    PathBuf::from(reports).join("report.html")
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

#[test]
fn the_html_report_renders_in_chromium_without_any_request() {
    let Some(executable) = chromium() else {
        eprintln!("SKIPPED: no chromium on PATH (apt-get install chromium); .ci/run installs it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = html_report(dir.path());
    let mut browser = devtools::Browser::launch(&executable, &dir.path().join("profile"));

    // The control: a page that loads one image is seen doing so.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        r#"<html><body><img src="http://report.invalid/pixel.png"></body></html>"#,
    )
    .unwrap();
    let control = browser.visit(&file_url(&control));
    assert_eq!(
        control.requests,
        ["http://report.invalid/pixel.png"],
        "the control page's image request is counted"
    );

    let report = browser.visit(&file_url(&page));
    for heading in [
        "What was verified",
        "Summary",
        "Checks",
        "Waivers",
        "Compliance view",
    ] {
        assert!(
            report.dom.contains(&format!(">{heading}</h2>")),
            "heading {heading} not rendered"
        );
    }
    assert!(
        report.dom.contains("SG-008"),
        "the failing check is on the page"
    );
    // A 1280×2400 rendering of the report is far above 10 kB of PNG (base64: 4/3 of that).
    assert!(
        report.screenshot_base64.len() > 13_000,
        "no screenshot: {} base64 characters",
        report.screenshot_base64.len()
    );
    assert!(
        report.requests.is_empty(),
        "the page made requests: {:?}",
        report.requests
    );
}
