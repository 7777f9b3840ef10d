//! The HTML report in a real browser: headless Chromium renders `report.html` from a `check`,
//! takes a screenshot, shows the expected headings, and the page requests nothing. Every request
//! goes through a proxy this test plays: it serves the page as `http://report.test/report.html`
//! and counts what the page asks for after that (requests whose `Referer` is the page, and
//! tunnels to any host but the ones Chromium itself calls in the background: Google's time,
//! account and search endpoints).
//!
//! Needs Debian's `chromium` (`.ci/run` installs it); without it the test says so and skips.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    std::fs::write(&inventory, fixture["inventory"].to_string()).unwrap();
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

/// Runs Chromium headless on `page` with every request routed to `proxy`.
fn chromium_run(browser: &Path, proxy: u16, extra: &[&str], page: &Path) -> Output {
    Command::new(browser)
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
            "--metrics-recording-only",
            "--window-size=1280,2400",
        ])
        .arg(format!("--proxy-server=http://127.0.0.1:{proxy}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!(
            "--user-data-dir={}",
            page.with_extension("profile").display()
        ))
        .args(extra)
        .arg("http://report.test/report.html")
        .output()
        .unwrap()
}

#[test]
fn the_html_report_renders_in_chromium_without_any_request() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: no chromium on PATH (apt-get install chromium); .ci/run installs it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = html_report(dir.path());

    // Every request arrives here; the page's own would be counted.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let html = std::fs::read(&page).unwrap();
    let from_page = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let served = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicUsize::new(0));
    let proxy = {
        let (from_page, served, stop) = (from_page.clone(), served.clone(), stop.clone());
        std::thread::spawn(move || {
            while stop.load(Ordering::SeqCst) == 0 {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                };
                stream.set_nonblocking(false).ok();
                stream
                    .set_read_timeout(Some(std::time::Duration::from_millis(500)))
                    .ok();
                let mut buffer = vec![0u8; 8192];
                let n = stream.read(&mut buffer).unwrap_or(0);
                let head = String::from_utf8_lossy(&buffer[..n]).to_string();
                let first = head.lines().next().unwrap_or("").to_string();
                if first.starts_with("GET http://report.test/report.html") {
                    served.fetch_add(1, Ordering::SeqCst);
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        html.len()
                    );
                    let _ = stream.write_all(reply.as_bytes());
                    let _ = stream.write_all(&html);
                    continue;
                }
                let referred = head
                    .to_ascii_lowercase()
                    .contains("referer: http://report.test");
                let background = first.starts_with("CONNECT ")
                    && ["google.com:", "gstatic.com:", "googleapis.com:"]
                        .iter()
                        .any(|host| first.contains(host));
                let browser_time = first.starts_with("GET http://clients2.google.com/");
                // Chromium opens spare connections it never sends on: those are no request.
                let request = !first.is_empty();
                if request && (referred || !(background || browser_time)) {
                    from_page.lock().unwrap().push(first);
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        })
    };

    let screenshot = dir.path().join("report.png");
    let shot = chromium_run(
        &browser,
        port,
        &[&format!("--screenshot={}", screenshot.display())],
        &page,
    );
    assert!(
        screenshot.is_file() && std::fs::metadata(&screenshot).unwrap().len() > 10_000,
        "no screenshot: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let dom = chromium_run(&browser, port, &["--dump-dom"], &page);
    let dom = String::from_utf8_lossy(&dom.stdout);
    for heading in [
        "What was verified",
        "Summary",
        "Checks",
        "Waivers",
        "Compliance view",
    ] {
        assert!(
            dom.contains(&format!(">{heading}</h2>")),
            "heading {heading} not rendered"
        );
    }
    assert!(dom.contains("SG-008"), "the failing check is on the page");

    stop.store(1, Ordering::SeqCst);
    proxy.join().unwrap();
    assert_eq!(
        served.load(Ordering::SeqCst),
        2,
        "the page was loaded through the proxy twice"
    );
    let requests = from_page.lock().unwrap();
    assert!(requests.is_empty(), "the page made requests: {requests:?}");
}
