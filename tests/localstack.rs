//! `--target localstack` (cargo feature `localstack`): starts LocalStack through testcontainers,
//! answers an SDK call, and is gone when the target drops. Skips, saying so, without Docker.
#![cfg(feature = "localstack")]

fn docker_available() -> bool {
    std::env::var_os("DOCKER_HOST").is_some()
        || std::path::Path::new("/var/run/docker.sock").exists()
}

#[tokio::test]
async fn localstack_starts_answers_and_stops() {
    if !docker_available() {
        eprintln!("SKIPPED: no Docker engine here (no DOCKER_HOST, no /var/run/docker.sock)");
        return;
    }
    let target = stackproof::target::Target::localstack(None).await.unwrap();
    let sts = aws_sdk_sts::Client::new(target.sdk_config());
    let identity = sts.get_caller_identity().send().await.unwrap();
    assert!(identity.account().is_some());
    assert!(
        target
            .description()
            .to_string()
            .contains("LocalStack container")
    );
}
