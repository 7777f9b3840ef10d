//! The target layer: one `SdkConfig` for the embedded emulator, a running endpoint, or real AWS.

use anyhow::{Context, Result, bail};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use stackproof_collector::preflight::{self, Identity};

use crate::emulator::{EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, Emulator, EmulatorOptions};

/// Region used against emulators when none is given.
pub const DEFAULT_EMULATOR_REGION: &str = "us-east-1";

/// Where the stack lives.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// Start the embedded emulator (moto) and stop it when done.
    Emulator,
    /// Real AWS through the standard credential and region chain.
    Aws,
    /// Start LocalStack in a container (built with `--features localstack`; needs Docker)
    #[cfg(feature = "localstack")]
    Localstack,
}

/// Command-line options shared by every command that talks to AWS.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TargetArgs {
    /// Where the stack lives [default: emulator, or the endpoint when --endpoint/AWS_ENDPOINT_URL is set]
    #[arg(long, value_enum, global = true)]
    pub target: Option<TargetKind>,
    /// An emulator that is already running (LocalStack, moto_server …); falls back to AWS_ENDPOINT_URL
    #[arg(long, value_name = "URL", global = true)]
    pub endpoint: Option<String>,
    /// AWS region; falls back to AWS_REGION, AWS_DEFAULT_REGION, then the profile (us-east-1 on emulators)
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// Seconds one attempt of an API call may take before it is abandoned and retried (a stalled
    /// connection); a call that keeps stalling becomes an `error` result [default: 20]
    #[arg(
        long,
        value_name = "SECONDS",
        env = "STACKPROOF_CALL_TIMEOUT",
        global = true
    )]
    pub call_timeout: Option<u64>,
    /// How a call that failed in a transient way (throttled, a 5xx, a reset) is retried:
    /// `adaptive` also slows the client's own request rate down when throttled [default: adaptive]
    #[arg(
        long,
        value_enum,
        value_name = "MODE",
        env = "STACKPROOF_RETRY_MODE",
        global = true
    )]
    pub retry_mode: Option<RetryMode>,
    /// Attempts per call, the first included [default: 5]
    #[arg(
        long,
        value_name = "N",
        env = "STACKPROOF_MAX_ATTEMPTS",
        value_parser = clap::value_parser!(u32).range(1..=20),
        global = true
    )]
    pub max_attempts: Option<u32>,
}

/// The SDK's retry modes.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryMode {
    /// Backoff per request, and a client-side rate that follows the throttling answers
    #[default]
    Adaptive,
    /// Backoff per request only
    Standard,
}

/// Seconds an attempt may take when `--call-timeout` is not given.
pub const DEFAULT_CALL_TIMEOUT_SECS: u64 = 20;

/// Timeouts for every call: connecting, and each attempt (retried by the SDK's retry policy).
fn timeouts(attempt_secs: u64) -> aws_config::timeout::TimeoutConfig {
    let attempt = std::time::Duration::from_secs(attempt_secs.max(1));
    aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(attempt.min(std::time::Duration::from_secs(5)))
        .operation_attempt_timeout(attempt)
        .build()
}

/// Attempts per call, the first included, when `--max-attempts` is not given.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;

/// The SDK's retry for transient failures (throttling, a 5xx, a reset or timed-out
/// connection), each failed attempt followed by an exponentially growing, jittered wait. The
/// adaptive mode (the default) also makes throttling answers slow the client's own sending rate
/// (a client-side token bucket refilled at the rate the service accepts), so a large collection
/// meets AWS's request rates by slowing down, not by failing.
fn retries(mode: RetryMode, attempts: u32) -> aws_config::retry::RetryConfig {
    let config = match mode {
        RetryMode::Adaptive => aws_config::retry::RetryConfig::adaptive(),
        RetryMode::Standard => aws_config::retry::RetryConfig::standard(),
    };
    config.with_max_attempts(attempts)
}

/// What a resolved target is, for reports and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetDescription {
    Emulator { endpoint: String },
    Endpoint { endpoint: String },
    Aws,
}

impl std::fmt::Display for TargetDescription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Emulator { endpoint } => write!(f, "embedded emulator (moto) at {endpoint}"),
            Self::Endpoint { endpoint } => write!(f, "endpoint {endpoint}"),
            Self::Aws => write!(f, "AWS"),
        }
    }
}

/// A connected target: the SDK configuration every client is built from, and the embedded
/// emulator when this target owns one (stopped when the target is dropped).
pub struct Target {
    config: SdkConfig,
    description: TargetDescription,
    emulator: Option<Emulator>,
    /// The target answers moto's management API (the embedded emulator, or an endpoint that is moto).
    moto: bool,
    /// A container the target started (LocalStack), stopped and removed when the target drops.
    _container: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// Who the commands run as, from the preflight of [`Target::connect`].
    identity: Option<Identity>,
}

impl Target {
    /// Resolves `args` (and the usual AWS variables) into a target, starting the emulator if asked.
    /// Resolves `args` into a target and runs the preflight: credentials resolved and
    /// `sts:GetCallerIdentity` asked once, so a target that cannot be used stops the command
    /// with one line before anything is collected or created.
    pub async fn connect(args: &TargetArgs) -> Result<Self> {
        let mut target = Self::connect_to(args).await?;
        target.config = (target.config.to_builder())
            .retry_config(retries(
                args.retry_mode.unwrap_or_default(),
                args.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
            ))
            .build();
        if let Some(seconds) = args.call_timeout {
            target.config = (target.config.to_builder())
                .timeout_config(timeouts(seconds))
                .build();
        }
        let identity = preflight::identity(&target.config)
            .await
            .with_context(|| format!("cannot use {}", target.description))?;
        tracing::info!(account = %identity.account, caller = %identity.arn, "preflight");
        target.identity = Some(identity);
        Ok(target)
    }

    /// Who the commands run as (after [`Target::connect`]'s preflight).
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    async fn connect_to(args: &TargetArgs) -> Result<Self> {
        let env_endpoint = std::env::var("AWS_ENDPOINT_URL")
            .ok()
            .filter(|url| !url.is_empty());
        match (args.target, &args.endpoint) {
            (Some(TargetKind::Aws), Some(_)) => {
                bail!("--endpoint points at an emulator and cannot be combined with --target aws")
            }
            (Some(TargetKind::Aws), None) => Self::aws(args.region.clone()).await,
            (Some(TargetKind::Emulator), Some(_)) => {
                bail!("--endpoint names a running emulator; drop --target emulator or --endpoint")
            }
            (None, Some(endpoint)) => Self::endpoint(endpoint, args.region.clone()).await,
            (None, None) if env_endpoint.is_some() => {
                Self::endpoint(
                    env_endpoint.as_deref().unwrap_or_default(),
                    args.region.clone(),
                )
                .await
            }
            (Some(TargetKind::Emulator), None) | (None, None) => {
                Self::embedded(EmulatorOptions::default(), args.region.clone()).await
            }
            #[cfg(feature = "localstack")]
            (Some(TargetKind::Localstack), Some(_)) => {
                bail!("--target localstack starts its own container; drop --endpoint")
            }
            #[cfg(feature = "localstack")]
            (Some(TargetKind::Localstack), None) => Self::localstack(args.region.clone()).await,
        }
    }

    /// Starts an embedded emulator and connects to it.
    pub async fn embedded(options: EmulatorOptions, region: Option<String>) -> Result<Self> {
        let emulator = tokio::task::spawn_blocking(move || Emulator::start(&options))
            .await
            .context("emulator start-up task panicked")??;
        let config = emulator_config(emulator.endpoint(), region).await;
        Ok(Self {
            config,
            description: TargetDescription::Emulator {
                endpoint: emulator.endpoint().to_string(),
            },
            emulator: Some(emulator),
            moto: true,
            _container: None,
            identity: None,
        })
    }

    /// Connects to an emulator someone else runs (LocalStack, a moto server …).
    pub async fn endpoint(endpoint: &str, region: Option<String>) -> Result<Self> {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            bail!("endpoint `{endpoint}` is not an http:// or https:// URL");
        }
        let probe = format!("{}/moto-api/", endpoint.trim_end_matches('/'));
        let moto = tokio::task::spawn_blocking(move || {
            let agent = ureq::Agent::config_builder()
                .timeout_global(Some(std::time::Duration::from_secs(2)))
                .build()
                .new_agent();
            agent.get(&probe).call().is_ok()
        })
        .await
        .unwrap_or(false);
        Ok(Self {
            config: emulator_config(endpoint, region).await,
            description: TargetDescription::Endpoint {
                endpoint: endpoint.to_string(),
            },
            emulator: None,
            moto,
            _container: None,
            identity: None,
        })
    }

    /// LocalStack in a container started through testcontainers (image from
    /// `STACKPROOF_LOCALSTACK_IMAGE`, default `localstack/localstack:4.4`; `LOCALSTACK_AUTH_TOKEN`
    /// passed on for the paid image), healthy before this returns, removed on drop.
    #[cfg(feature = "localstack")]
    pub async fn localstack(region: Option<String>) -> Result<Self> {
        let (container, endpoint) = crate::localstack::start().await?;
        let mut target = Self::endpoint(&endpoint, region).await?;
        target.description = TargetDescription::Endpoint {
            endpoint: format!("LocalStack container at {endpoint}"),
        };
        target._container = Some(Box::new(container));
        Ok(target)
    }

    /// Real AWS: the standard credential and region chain, nothing emulator-specific.
    pub async fn aws(region: Option<String>) -> Result<Self> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .timeout_config(timeouts(DEFAULT_CALL_TIMEOUT_SECS));
        if let Some(region) = region {
            loader = loader.region(Region::new(region));
        }
        let config = loader.load().await;
        if config.region().is_none() {
            bail!("no AWS region: pass --region or set AWS_REGION");
        }
        Ok(Self {
            config,
            description: TargetDescription::Aws,
            emulator: None,
            moto: false,
            _container: None,
            identity: None,
        })
    }

    /// The configuration every SDK client is built from.
    pub fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }

    /// The same target in another region (for scenarios that span regions).
    pub fn sdk_config_for_region(&self, region: &str) -> SdkConfig {
        self.config
            .to_builder()
            .region(Region::new(region.to_string()))
            .build()
    }

    pub fn region(&self) -> Option<&str> {
        self.config.region().map(Region::as_ref)
    }

    pub fn description(&self) -> &TargetDescription {
        &self.description
    }

    /// Emulators answer S3 on one host, so buckets go in the path rather than the host name.
    pub fn s3_force_path_style(&self) -> bool {
        !matches!(self.description, TargetDescription::Aws)
    }

    /// Attributes the target is known not to model (`kind.attribute`), so checks reading them
    /// `skip` with that reason instead of judging what the emulator dropped.
    pub fn unmodelled(&self) -> Vec<String> {
        if !self.moto {
            return Vec::new();
        }
        crate::emulator::UNMODELLED
            .iter()
            .map(|attribute| attribute.to_string())
            .collect()
    }

    /// The embedded emulator, when this target started one.
    pub fn emulator(&self) -> Option<&Emulator> {
        self.emulator.as_ref()
    }
}

/// Configuration for any emulator endpoint: the credentials of `AWS_ACCESS_KEY_ID` and
/// `AWS_SECRET_ACCESS_KEY` when both are set (an emulator enforcing IAM, LocalStack's accounts),
/// else fixed test credentials; region from the argument, the AWS variables, or us-east-1.
async fn emulator_config(endpoint: &str, region: Option<String>) -> SdkConfig {
    let region = region
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
        .filter(|region| !region.is_empty())
        .unwrap_or_else(|| DEFAULT_EMULATOR_REGION.to_string());
    let from_env = |name| std::env::var(name).ok().filter(|value| !value.is_empty());
    let credentials = match (
        from_env("AWS_ACCESS_KEY_ID"),
        from_env("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(key), Some(secret)) => Credentials::new(
            key,
            secret,
            from_env("AWS_SESSION_TOKEN"),
            None,
            "stackproof-endpoint-environment",
        ),
        _ => Credentials::new(
            EMULATOR_ACCESS_KEY,
            EMULATOR_SECRET_KEY,
            None,
            None,
            "stackproof-emulator",
        ),
    };
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region))
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        .timeout_config(timeouts(DEFAULT_CALL_TIMEOUT_SECS))
        .load()
        .await
}
