//! One helper per resource kind. Every helper names the resource with the run's suffix, tags it
//! (`stackproof:scenario`, `stackproof:suffix`, `EnvironmentSuffix`), and records it in the ledger
//! before returning its id.

mod compute;
mod data;
mod identity;
mod layout;
mod network;
mod optional;
mod platform;

use std::collections::BTreeMap;

use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::SdkConfig;

pub use compute::{ServiceSpec, TaskSpec};
pub use data::{Aurora, AuroraSpec};
pub use layout::{EXECUTION_POLICY, Network};
pub use network::{RouteTarget, Rule};

use crate::ProvisionError;
use crate::ledger::{Entry, Kind, Ledger};

/// Builds resources for one scenario run in one region.
pub struct Builder {
    pub(crate) ec2: aws_sdk_ec2::Client,
    pub(crate) ecs: aws_sdk_ecs::Client,
    pub(crate) elb: aws_sdk_elasticloadbalancingv2::Client,
    pub(crate) rds: aws_sdk_rds::Client,
    pub(crate) s3: aws_sdk_s3::Client,
    pub(crate) iam: aws_sdk_iam::Client,
    pub(crate) logs: aws_sdk_cloudwatchlogs::Client,
    pub(crate) kms: aws_sdk_kms::Client,
    pub(crate) secrets: aws_sdk_secretsmanager::Client,
    pub(crate) sns: aws_sdk_sns::Client,
    pub(crate) cloudwatch: aws_sdk_cloudwatch::Client,
    pub(crate) ecr: aws_sdk_ecr::Client,
    pub(crate) discovery: aws_sdk_servicediscovery::Client,
    pub(crate) autoscaling: aws_sdk_applicationautoscaling::Client,
    pub(crate) acm: aws_sdk_acm::Client,
    pub(crate) ssm: aws_sdk_ssm::Client,
    pub(crate) sts: aws_sdk_sts::Client,
    pub(crate) kinesis: aws_sdk_kinesis::Client,
    pub(crate) backup: aws_sdk_backup::Client,
    pub(crate) region: String,
    pub(crate) scenario: String,
    pub(crate) suffix: String,
    base: SdkConfig,
    s3_path_style: bool,
    /// The account id, asked of STS once.
    account: Option<String>,
    ledger: Ledger,
    /// Test hook: fail once this many resources exist.
    fail_after: Option<usize>,
    /// When the run started (RFC 3339), tagged on everything as `stackproof:created`: how
    /// `destroy --stale` tells a forgotten run from one in progress.
    created: String,
    /// Stop requested: the build ends after the resource being created is recorded.
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Builder {
    /// `s3_path_style` for emulators.
    pub fn new(config: &SdkConfig, ledger: Ledger, s3_path_style: bool) -> Self {
        let s3 = aws_sdk_s3::config::Builder::from(config)
            .force_path_style(s3_path_style)
            .build();
        Self {
            ec2: aws_sdk_ec2::Client::new(config),
            ecs: aws_sdk_ecs::Client::new(config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(config),
            rds: aws_sdk_rds::Client::new(config),
            s3: aws_sdk_s3::Client::from_conf(s3),
            iam: aws_sdk_iam::Client::new(config),
            logs: aws_sdk_cloudwatchlogs::Client::new(config),
            kms: aws_sdk_kms::Client::new(config),
            secrets: aws_sdk_secretsmanager::Client::new(config),
            sns: aws_sdk_sns::Client::new(config),
            cloudwatch: aws_sdk_cloudwatch::Client::new(config),
            ecr: aws_sdk_ecr::Client::new(config),
            discovery: aws_sdk_servicediscovery::Client::new(config),
            autoscaling: aws_sdk_applicationautoscaling::Client::new(config),
            acm: aws_sdk_acm::Client::new(config),
            ssm: aws_sdk_ssm::Client::new(config),
            sts: aws_sdk_sts::Client::new(config),
            kinesis: aws_sdk_kinesis::Client::new(config),
            backup: aws_sdk_backup::Client::new(config),
            region: config.region().map(|r| r.to_string()).unwrap_or_default(),
            scenario: ledger.scenario().to_string(),
            suffix: ledger.suffix().to_string(),
            base: config.clone(),
            account: None,
            created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            s3_path_style,
            ledger,
            fail_after: None,
            stop: None,
        }
    }

    /// Moves the builder to another region (multi-region scenarios); the ledger is kept and each
    /// entry records its region.
    pub fn switch_region(&mut self, region: &str) {
        let config = crate::in_region(&self.base, region);
        let ledger = std::mem::replace(&mut self.ledger, Ledger::detached());
        let (fail_after, account, stop) = (self.fail_after, self.account.take(), self.stop.take());
        let created = std::mem::take(&mut self.created);
        *self = Self::new(&config, ledger, self.s3_path_style);
        (self.fail_after, self.account, self.stop) = (fail_after, account, stop);
        self.created = created;
    }

    /// Makes the build fail once `count` resources have been created (for crash tests).
    pub fn fail_after(mut self, count: usize) -> Self {
        self.fail_after = Some(count);
        self
    }

    /// Ends the build with [`ProvisionError::Interrupted`] once `stop` is set, at the next
    /// resource recorded (never between a create and its ledger entry).
    pub fn stop_on(mut self, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Self {
        self.stop = Some(stop);
        self
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// The account the target runs as (STS, asked once per run).
    pub async fn account(&mut self) -> Result<String, ProvisionError> {
        if let Some(account) = &self.account {
            return Ok(account.clone());
        }
        let identity = self
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(failed("the account id"))?;
        let account = required(identity.account().map(str::to_string), "the account id")?;
        self.account = Some(account.clone());
        Ok(account)
    }

    /// `base-<suffix>`: the naming rule every seed demands.
    pub fn name(&self, base: &str) -> String {
        format!("{base}-{}", self.suffix)
    }

    /// The tags every resource carries.
    pub fn tags(&self, name: &str) -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("Name", name.to_string()),
            ("stackproof:scenario", self.scenario.clone()),
            ("stackproof:suffix", self.suffix.clone()),
            ("EnvironmentSuffix", self.suffix.clone()),
            ("stackproof:created", self.created.clone()),
        ])
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub fn into_ledger(self) -> Ledger {
        self.ledger
    }

    /// Records a created resource; the injected failure fires here.
    pub(crate) fn record(
        &mut self,
        kind: Kind,
        id: &str,
        context: &[(&str, &str)],
    ) -> Result<(), ProvisionError> {
        let context = context
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.ledger.record(Entry {
            kind,
            id: id.to_string(),
            region: self.region.clone(),
            context,
        })?;
        let made = self.ledger.entries().len();
        if (self.stop.as_ref()).is_some_and(|stop| stop.load(std::sync::atomic::Ordering::SeqCst)) {
            return Err(ProvisionError::Interrupted(made));
        }
        match self.fail_after {
            Some(limit) if made >= limit => Err(ProvisionError::Injected(limit)),
            _ => Ok(()),
        }
    }
}

/// Maps an SDK error into a provisioning error naming what was being created.
pub(crate) fn failed<E: std::error::Error>(
    what: impl Into<String>,
) -> impl FnOnce(E) -> ProvisionError {
    let what = what.into();
    move |error| ProvisionError::Create {
        what,
        message: DisplayErrorContext(&error).to_string(),
    }
}

/// A value the API should have returned, as an error when it did not.
pub(crate) fn required<T>(value: Option<T>, what: &str) -> Result<T, ProvisionError> {
    value.ok_or_else(|| ProvisionError::Create {
        what: what.to_string(),
        message: "the response lacks the id".into(),
    })
}
