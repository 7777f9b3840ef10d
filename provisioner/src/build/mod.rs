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

use aws_types::SdkConfig;

pub use compute::{ServiceSpec, TaskSpec};
pub use data::{Aurora, AuroraSpec};
pub use layout::{EXECUTION_POLICY, Network};
pub use network::{RouteTarget, Rule};

use crate::ProvisionError;
use crate::ledger::{Entry, Kind, Ledger};
use crate::retry::NotYetVisible;
use crate::wait::{Asynchronous, Lookers};
use stackproof_clients::{AwsClients, ClientOptions};

/// Builds resources for one scenario run in one region.
pub struct Builder {
    /// The SDK clients of the current region (fields reached through `Deref`).
    aws: AwsClients,
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
    /// What AWS is still creating, by region: [`Builder::settle`] waits for it.
    awaiting: Vec<(String, Asynchronous)>,
}

impl std::ops::Deref for Builder {
    type Target = AwsClients;

    fn deref(&self) -> &AwsClients {
        &self.aws
    }
}

impl Builder {
    /// `s3_path_style` for emulators.
    pub fn new(config: &SdkConfig, ledger: Ledger, s3_path_style: bool) -> Self {
        // Every client retries what AWS answers while the run's new resources are not yet
        // visible everywhere (crate::retry).
        let options = ClientOptions::s3_path_style(s3_path_style).retrying(NotYetVisible);
        Self {
            aws: AwsClients::new(config, &options),
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
            awaiting: Vec::new(),
        }
    }

    /// Moves the builder to another region (multi-region scenarios); the ledger is kept and each
    /// entry records its region.
    pub fn switch_region(&mut self, region: &str) {
        let config = crate::in_region(&self.base, region);
        let ledger = std::mem::replace(&mut self.ledger, Ledger::detached());
        let (fail_after, account, stop) = (self.fail_after, self.account.take(), self.stop.take());
        let created = std::mem::take(&mut self.created);
        let awaiting = std::mem::take(&mut self.awaiting);
        *self = Self::new(&config, ledger, self.s3_path_style);
        (self.fail_after, self.account, self.stop) = (fail_after, account, stop);
        (self.created, self.awaiting) = (created, awaiting);
    }

    /// The clients that look at asynchronous resources in the current region.
    pub(crate) fn lookers(&self) -> Lookers<'_> {
        Lookers::of(&self.aws)
    }

    /// Remembers something AWS is still creating, for [`Builder::settle`].
    pub(crate) fn awaits(&mut self, what: Asynchronous) {
        self.awaiting.push((self.region.clone(), what));
    }

    /// Waits until everything AWS was still creating (endpoints, load balancers, Aurora) is
    /// ready: they are created without waiting, so their times overlap.
    pub async fn settle(&mut self) -> Result<(), ProvisionError> {
        let mut clients: BTreeMap<String, AwsClients> = BTreeMap::new();
        for (region, what) in std::mem::take(&mut self.awaiting) {
            let clients = clients.entry(region).or_insert_with_key(|region| {
                AwsClients::new(
                    &crate::in_region(&self.base, region),
                    &ClientOptions::default(),
                )
            });
            what.until_ready(&Lookers::of(clients))
                .await
                .map_err(|state| ProvisionError::Create {
                    what: what.describe(),
                    message: state,
                })?;
        }
        Ok(())
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
        message: one_line(&error),
    }
}

/// An error and its causes on one line (`service error: NoSuchEntityException: Policy …`),
/// without the raw response the SDK's own context adds; at most 300 characters.
fn one_line(error: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(error) = next {
        let text = error.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        next = error.source();
    }
    let line = parts.join(": ").replace('\n', " ");
    match line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// A value the API should have returned, as an error when it did not.
pub(crate) fn required<T>(value: Option<T>, what: &str) -> Result<T, ProvisionError> {
    value.ok_or_else(|| ProvisionError::Create {
        what: what.to_string(),
        message: "the response lacks the id".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[derive(Debug)]
    struct Sdk(std::io::Error);
    impl std::fmt::Display for Sdk {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("service error")
        }
    }
    impl std::error::Error for Sdk {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_failure_is_one_short_line_with_its_causes() {
        let cause = std::io::Error::other(
            "NoSuchEntityException: Policy arn:aws:iam::aws:policy/x\ndoes not exist",
        );
        assert_eq!(
            one_line(&Sdk(cause)),
            "service error: NoSuchEntityException: Policy arn:aws:iam::aws:policy/x does not exist"
        );
        let long = std::io::Error::other("x".repeat(400));
        assert_eq!(one_line(&long).chars().count(), 301);
    }
}
