//! The embedded emulator and the target layer, against a real moto server through the real SDK.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use stackproof::emulator::{Emulator, EmulatorError, EmulatorOptions};
use stackproof::target::{Target, TargetDescription};

fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

async fn zone_names(config: &aws_config::SdkConfig) -> Vec<String> {
    let ec2 = aws_sdk_ec2::Client::new(config);
    let zones = ec2
        .describe_availability_zones()
        .send()
        .await
        .expect("describe_availability_zones");
    zones
        .availability_zones()
        .iter()
        .filter_map(|zone| zone.zone_name().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn embedded_target_answers_a_real_sdk_call() {
    let target = Target::embedded(EmulatorOptions::default(), Some("us-east-2".into()))
        .await
        .unwrap();
    assert!(matches!(
        target.description(),
        TargetDescription::Emulator { .. }
    ));
    assert_eq!(target.region(), Some("us-east-2"));
    let zones = zone_names(target.sdk_config()).await;
    assert!(
        zones.contains(&"us-east-2a".to_string()),
        "zones: {zones:?}"
    );
    let other_region = target.sdk_config_for_region("us-east-1");
    assert!(
        zone_names(&other_region)
            .await
            .contains(&"us-east-1a".to_string())
    );
}

#[tokio::test]
async fn endpoint_target_uses_a_running_emulator() {
    let emulator = Emulator::start(&EmulatorOptions::default()).unwrap();
    let target = Target::endpoint(emulator.endpoint(), None).await.unwrap();
    assert_eq!(target.region(), Some("us-east-1"));
    assert!(target.emulator().is_none());
    assert!(target.s3_force_path_style());
    let identity = aws_sdk_sts::Client::new(target.sdk_config())
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        identity.account(),
        Some("123456789012"),
        "moto's default account"
    );
}

#[test]
fn two_emulators_run_side_by_side_and_stop_on_drop() {
    let first = Emulator::start(&EmulatorOptions::default()).unwrap();
    let second = Emulator::start(&EmulatorOptions::default()).unwrap();
    assert_ne!(first.port(), second.port());
    let pids = [first.pid(), second.pid()];
    assert!(pids.iter().all(|pid| process_exists(*pid)));
    let port = first.port();
    drop(first);
    assert!(
        !process_exists(pids[0]),
        "first emulator still running after drop"
    );
    assert!(
        process_exists(pids[1]),
        "dropping one emulator must not stop the other"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still answers"
    );
    second.stop();
    assert!(!process_exists(pids[1]));
}

#[test]
fn missing_python_and_moto_gives_the_documented_error() {
    let empty = tempfile::tempdir().unwrap();
    let options = EmulatorOptions {
        search_path: Some(empty.path().as_os_str().to_owned()),
        cache_dir: Some(empty.path().join("cache")),
        ..EmulatorOptions::default()
    };
    let error = Emulator::start(&options)
        .err()
        .expect("start must fail without python3");
    assert!(
        matches!(error, EmulatorError::PythonMissing { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("python3 was not found"), "{message}");
    assert!(
        message.contains("apt-get install python3 python3-venv"),
        "{message}"
    );
    assert!(message.contains("--endpoint"), "{message}");
}

#[test]
fn a_server_that_dies_at_start_up_is_reported_with_its_output() {
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("moto_server");
    std::fs::write(&fake, "#!/bin/sh\necho 'boom: cannot bind' >&2\nexit 7\n").unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let options = EmulatorOptions {
        search_path: Some(bin.path().as_os_str().to_owned()),
        ..Default::default()
    };
    let error = Emulator::start(&options).err().expect("start must fail");
    assert!(
        matches!(error, EmulatorError::ExitedEarly { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("boom: cannot bind"), "{error}");
}

#[tokio::test]
async fn cli_emulator_prints_a_usable_endpoint_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .arg("emulator")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let banner = lines.next().unwrap().unwrap();
    let endpoint = banner.rsplit(' ').next().unwrap().to_string();
    assert!(
        endpoint.starts_with("http://127.0.0.1:"),
        "banner: {banner}"
    );
    let rest: Vec<String> = lines.by_ref().take(6).map(Result::unwrap).collect();
    assert!(
        rest.contains(&format!("  export AWS_ENDPOINT_URL={endpoint}")),
        "{rest:?}"
    );

    let target = Target::endpoint(&endpoint, None).await.unwrap();
    assert!(!zone_names(target.sdk_config()).await.is_empty());

    // SAFETY: signalling the child we spawned.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "exit status {status:?}");
    let port: u16 = endpoint.rsplit(':').next().unwrap().parse().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "emulator still answers after Ctrl-C"
    );
}
