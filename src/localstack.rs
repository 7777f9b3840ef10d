//! LocalStack in a container, through testcontainers (cargo feature `localstack`).
//!
//! The free image serves most of what stackproof collects; ECS, RDS/Aurora, ELBv2, ECR, Cloud Map
//! and Application Auto Scaling need LocalStack's paid image (`localstack/localstack-pro`, with
//! `LOCALSTACK_AUTH_TOKEN` set).

use anyhow::{Context, Result};
use testcontainers::core::{IntoContainerPort, WaitFor};
use testcontainers::runners::AsyncRunner;
use testcontainers::{ContainerAsync, GenericImage, ImageExt};

/// The image used when `STACKPROOF_LOCALSTACK_IMAGE` (`name:tag`) is not set.
pub const DEFAULT_IMAGE: &str = "localstack/localstack:4.4";

/// Starts LocalStack and waits until it is ready; returns the container (stopped and removed
/// when dropped) and its endpoint URL.
pub async fn start() -> Result<(ContainerAsync<GenericImage>, String)> {
    let image =
        std::env::var("STACKPROOF_LOCALSTACK_IMAGE").unwrap_or_else(|_| DEFAULT_IMAGE.into());
    let (name, tag) = image.rsplit_once(':').unwrap_or((image.as_str(), "latest"));
    let mut request = GenericImage::new(name, tag)
        .with_exposed_port(4566.tcp())
        .with_wait_for(WaitFor::message_on_stdout("Ready."))
        .with_env_var("EAGER_SERVICE_LOADING", "0");
    if let Ok(token) = std::env::var("LOCALSTACK_AUTH_TOKEN") {
        request = request.with_env_var("LOCALSTACK_AUTH_TOKEN", token);
    }
    let container = request
        .start()
        .await
        .with_context(|| format!("cannot start {image} (is Docker running?)"))?;
    let port = container
        .get_host_port_ipv4(4566.tcp())
        .await
        .context("LocalStack's port 4566 is not mapped")?;
    Ok((container, format!("http://127.0.0.1:{port}")))
}
