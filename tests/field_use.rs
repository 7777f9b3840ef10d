//! The binary as a user installs it: copied out of the checkout into an empty directory, with
//! nothing of this repository around it. It checks a saved inventory with the built-in baseline,
//! runs a scenario to a green end, leaves nothing behind when a profile is broken or the run is
//! interrupted (counted through the SDK, not by the teardown's own scan), and says in one line
//! that there are no credentials for real AWS.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use stackproof::emulator::{Emulator, EmulatorOptions};
use stackproof::target::Target;

/// An empty directory holding only a copy of the binary (in `bin/`).
struct Installed {
    dir: tempfile::TempDir,
    binary: PathBuf,
}

impl Installed {
    fn new() -> Installed {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("bin")).unwrap();
        let binary = dir.path().join("bin/stackproof");
        std::fs::copy(env!("CARGO_BIN_EXE_stackproof"), &binary).unwrap();
        // A process another test thread forks while the copy is open for writing holds it
        // until that process execs; running the copy meanwhile fails with "Text file busy"
        // (ETXTBSY). Wait until it runs, so later runs cannot meet the race.
        for _ in 0..100 {
            match Command::new(&binary).arg("--version").output() {
                Err(error) if error.raw_os_error() == Some(26) => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => break,
            }
        }
        Installed { dir, binary }
    }

    fn work(&self) -> &Path {
        self.dir.path()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.binary);
        command.args(args).current_dir(self.work());
        command
    }
}

/// Asserts the exit code and that the output names each of `words`.
fn says(output: &Output, code: i32, words: &[&str]) {
    let text = text(output);
    assert_eq!(output.status.code(), Some(code), "{text}");
    for word in words {
        assert!(text.contains(word), "no `{word}` in:\n{text}");
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What a stack of the seeds could leave behind on an emulator, counted through the SDK.
async fn resources(endpoint: &str) -> BTreeMap<&'static str, usize> {
    let target = Target::endpoint(endpoint, None).await.unwrap();
    let config = target.sdk_config();
    let ec2 = aws_sdk_ec2::Client::new(config);
    let vpcs = ec2.describe_vpcs().send().await.unwrap();
    let groups = ec2.describe_security_groups().send().await.unwrap();
    let ecs = aws_sdk_ecs::Client::new(config);
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let rds = aws_sdk_rds::Client::new(config);
    let s3 = aws_sdk_s3::Config::from(config)
        .to_builder()
        .force_path_style(true)
        .build();
    let s3 = aws_sdk_s3::Client::from_conf(s3);
    let iam = aws_sdk_iam::Client::new(config);
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    let kms = aws_sdk_kms::Client::new(config);
    let mut enabled_keys = 0;
    for key in kms.list_keys().send().await.unwrap().keys() {
        let described = kms
            .describe_key()
            .key_id(key.key_id().unwrap())
            .send()
            .await
            .unwrap();
        let state = described
            .key_metadata()
            .and_then(|m| m.key_state().cloned());
        enabled_keys += usize::from(state.is_some_and(|s| s.as_str() != "PendingDeletion"));
    }
    let secrets = aws_sdk_secretsmanager::Client::new(config);
    let ecr = aws_sdk_ecr::Client::new(config);
    let cloud_map = aws_sdk_servicediscovery::Client::new(config);
    BTreeMap::from([
        ("vpcs", vpcs.vpcs().len()),
        ("security groups", groups.security_groups().len()),
        (
            "ecs clusters",
            ecs.list_clusters()
                .send()
                .await
                .unwrap()
                .cluster_arns()
                .len(),
        ),
        (
            "load balancers",
            (elb.describe_load_balancers().send().await.unwrap())
                .load_balancers()
                .len(),
        ),
        (
            "db clusters",
            rds.describe_db_clusters()
                .send()
                .await
                .unwrap()
                .db_clusters()
                .len(),
        ),
        (
            "buckets",
            s3.list_buckets().send().await.unwrap().buckets().len(),
        ),
        (
            "roles",
            iam.list_roles().send().await.unwrap().roles().len(),
        ),
        (
            "log groups",
            (logs.describe_log_groups().send().await.unwrap())
                .log_groups()
                .len(),
        ),
        ("kms keys", enabled_keys),
        (
            "secrets",
            secrets
                .list_secrets()
                .send()
                .await
                .unwrap()
                .secret_list()
                .len(),
        ),
        (
            "ecr repositories",
            (ecr.describe_repositories().send().await.unwrap())
                .repositories()
                .len(),
        ),
        (
            "cloud map namespaces",
            (cloud_map.list_namespaces().send().await.unwrap())
                .namespaces()
                .len(),
        ),
    ])
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

/// An emulator of the test's own, so counts are not disturbed by other tests.
fn own_emulator() -> Emulator {
    Emulator::start(&EmulatorOptions::default()).unwrap()
}

#[test]
fn the_installed_binary_checks_a_saved_inventory_with_the_built_in_baseline() {
    let installed = Installed::new();
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("fixtures/checks/SG-008/fail.json").unwrap())
            .unwrap();
    let inventory = installed.work().join("inventory.json");
    let mut saved = fixture["inventory"].clone();
    saved["schema_version"] = 1.into();
    saved["meta"]["target"] = "endpoint http://127.0.0.1:5000".into();
    std::fs::write(&inventory, saved.to_string()).unwrap();
    let output = installed
        .command(&[
            "check",
            "--profile",
            "baseline",
            "--inventory",
            "inventory.json",
        ])
        .output()
        .unwrap();
    says(&output, 1, &["FAIL   SG-008"]);
    assert!(installed.work().join("reports").is_dir(), "reports written");

    let listed = installed.command(&["profiles", "list"]).output().unwrap();
    assert!(
        text(&listed).contains("<built-in>/baseline.toml"),
        "{}",
        text(&listed)
    );
    let shown = installed
        .command(&["profiles", "show", "microservices"])
        .output()
        .unwrap();
    assert!(
        text(&shown).contains("extends = \"baseline\""),
        "{}",
        text(&shown)
    );
}

#[test]
fn a_user_profile_extends_the_built_in_baseline() {
    let installed = Installed::new();
    let profiles = installed.work().join(".stackproof/profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    std::fs::write(
        profiles.join("ours.toml"),
        "extends = \"baseline\"\nname = \"ours\"\n[logs]\nretention_days = 400\n",
    )
    .unwrap();
    let inventory = installed.work().join("inventory.json");
    std::fs::write(
        &inventory,
        r#"{"schema_version": 1, "meta": {"target": "endpoint http://127.0.0.1:5000"}, "log_groups": [{"name": "/ecs/app", "retention_days": 30}]}"#,
    )
    .unwrap();
    let output = installed
        .command(&[
            "check",
            "--profile",
            "ours",
            "--inventory",
            "inventory.json",
        ])
        .output()
        .unwrap();
    says(&output, 1, &["FAIL   LOGS-002"]);
}

#[test]
fn the_installed_binary_runs_a_scenario_to_a_green_end() {
    let installed = Installed::new();
    let output = installed
        .command(&["run", "--scenario", "microservices"])
        .output()
        .unwrap();
    says(&output, 0, &["microservices: nothing of the run is left"]);
}

#[test]
fn a_broken_profile_stops_run_before_anything_is_made() {
    let emulator = own_emulator();
    let before = runtime().block_on(resources(emulator.endpoint()));
    let installed = Installed::new();
    let profiles = installed.work().join(".stackproof/profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    std::fs::write(
        profiles.join("microservices.toml"),
        "extends = \"baseline\"\n[network]\nnat_gateway_cuont = 1\n",
    )
    .unwrap();
    let output = installed
        .command(&[
            "run",
            "--scenario",
            "microservices",
            "--endpoint",
            emulator.endpoint(),
        ])
        .output()
        .unwrap();
    says(&output, 2, &["microservices.toml", "nat_gateway_cuont"]);
    let after = runtime().block_on(resources(emulator.endpoint()));
    assert_eq!(before, after, "nothing was made");
}

#[test]
fn an_interrupted_run_tears_down_what_it_made() {
    let emulator = own_emulator();
    let before = runtime().block_on(resources(emulator.endpoint()));
    let installed = Installed::new();
    let child = installed
        .command(&[
            "run",
            "--scenario",
            "microservices",
            "--endpoint",
            emulator.endpoint(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the ledger shows provisioning well under way.
    let ledger = installed
        .work()
        .join("cfn-outputs/microservices/ledger.json");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let entries = std::fs::read_to_string(&ledger)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|ledger| ledger["entries"].as_array().map(Vec::len))
            .unwrap_or(0);
        if entries >= 8 {
            break;
        }
        assert!(Instant::now() < deadline, "provisioning never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: signals a child process this test started.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let output = child.wait_with_output().unwrap();
    says(&output, 3, &["interrupted"]);
    let after = runtime().block_on(resources(emulator.endpoint()));
    assert_eq!(before, after, "what the run made is gone");
}

#[test]
fn real_aws_without_credentials_is_one_clear_line_and_exit_3() {
    let installed = Installed::new();
    let mut command = installed.command(&["check", "--target", "aws", "--region", "us-east-1"]);
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    std::fs::write(
        installed.work().join("outputs.json"),
        r#"{"VpcId": "vpc-0abc"}"#,
    )
    .unwrap();
    let output = command
        .args(["--outputs", "outputs.json"])
        .env("HOME", installed.work())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output));
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("no AWS credentials"), "{stderr}");
    assert!(stderr.len() < 1_000, "short: {stderr}");
    assert!(
        !installed.work().join("reports").exists(),
        "nothing checked"
    );
}

/// Issue #38: the SDK's own warnings stay off the terminal. With an instance metadata service
/// that answers 500 (one on this machine), the SDK logs a WARN holding a Rust Debug dump of its
/// error; by default stderr holds only stackproof's one line, and `-v` brings the library's
/// warning back (without terminal colour codes, stderr being a pipe).
#[test]
fn the_sdks_warnings_stay_off_the_terminal_unless_asked_for() {
    use std::io::{Read, Write};
    let metadata = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", metadata.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in metadata.incoming().map_while(Result::ok) {
            let _ = stream.read(&mut [0; 4096]);
            let _ = stream
                .write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let installed = Installed::new();
    std::fs::write(
        installed.work().join("outputs.json"),
        r#"{"VpcId": "vpc-0abc"}"#,
    )
    .unwrap();
    let run = |verbose: bool| {
        let mut command = installed.command(&["check", "--target", "aws", "--region", "us-east-1"]);
        for (key, _) in std::env::vars() {
            if key.starts_with("AWS_") || key == "STACKPROOF_LOG" {
                command.env_remove(key);
            }
        }
        command
            .args(["--outputs", "outputs.json"])
            .args(verbose.then_some("-v"))
            .env("HOME", installed.work())
            .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint)
            .output()
            .unwrap()
    };
    let quiet = run(false);
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert_eq!(quiet.status.code(), Some(3), "{}", text(&quiet));
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("no AWS credentials"), "{stderr}");
    assert!(
        !stackproof_checks::words::looks_like_debug(&stderr)
            && !stderr.contains("Error {")
            && !stderr.contains("WARN"),
        "Rust Debug on the terminal: {stderr}"
    );
    let verbose = run(true);
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(
        stderr.contains("WARN") && stderr.contains("aws_config"),
        "-v shows the library's warning: {stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "colour codes in a pipe: {stderr}"
    );
}

/// Issue #38: a check that verified nothing is never green. An outputs file holding nothing,
/// or only values naming no resource, is exit 3 with one line naming the file, what it held
/// and what it must hold; INV-001 is a skip, not a vacuous pass.
#[test]
fn outputs_naming_nothing_collectable_verify_nothing_and_exit_3() {
    let emulator = own_emulator();
    let installed = Installed::new();
    for (name, outputs, held) in [
        ("empty.json", "{}", "no output"),
        (
            "strangers.json",
            r#"{"Note": "hello", "Count": "3", "database_subnet_acl_id": "acl-0a1b2c3d4e5f60718"}"#,
            "3 outputs: Count (setting), Note (unclassified), database_subnet_acl_id (unclassified)",
        ),
    ] {
        std::fs::write(installed.work().join(name), outputs).unwrap();
        let output = installed
            .command(&[
                "check",
                "--outputs",
                name,
                "--endpoint",
                emulator.endpoint(),
            ])
            .output()
            .unwrap();
        says(
            &output,
            3,
            &["nothing verified", name, held, "stackproof outputs"],
        );
        let report = std::fs::read_dir(installed.work().join("reports"))
            .unwrap()
            .flatten()
            .map(|run| run.path().join("report.json"))
            .find(|path| path.exists())
            .unwrap();
        let report = std::fs::read_to_string(report).unwrap();
        assert!(
            !report.contains("\"status\": \"pass\""),
            "{name}: a pass in {report}"
        );
        std::fs::remove_dir_all(installed.work().join("reports")).unwrap();
    }
}
