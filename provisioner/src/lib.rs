//! stackproof-provisioner: builds the seed scenarios with direct AWS SDK calls — small and boring
//! on purpose — records every created resource in a ledger the moment it exists, writes the
//! outputs file the checks start from, and tears everything down again.
//!
//! Layout: [`ledger`] (the journal), [`build`] (one helper per resource kind, each recording to
//! the ledger), [`scenarios`] (one module per seed), [`teardown`] (reverse deletion and the
//! leftover scan).

pub mod build;
pub mod ledger;
pub mod scenarios;
pub mod teardown;

use std::collections::BTreeMap;

/// A failed provisioning step: which resource, and why.
#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("creating {what} failed: {message}")]
    Create { what: String, message: String },
    #[error(transparent)]
    Ledger(#[from] ledger::LedgerError),
    #[error("injected failure after {0} resources (test hook)")]
    Injected(usize),
}

/// The stack outputs a scenario writes: key → value, in the flat CloudFormation style.
pub type Outputs = BTreeMap<String, String>;

use std::path::{Path, PathBuf};

use aws_types::SdkConfig;

use crate::build::Builder;
use crate::ledger::Ledger;
use crate::scenarios::Scenario;
use crate::teardown::Teardown;

/// Where a scenario's files go: `<root>/<scenario>/{ledger.json, flat-outputs.json}`.
pub fn scenario_dir(root: &Path, scenario: &str) -> PathBuf {
    root.join(scenario)
}

/// How to provision.
#[derive(Debug, Clone)]
pub struct ProvisionOptions {
    /// Appended to every name (`-<suffix>`) and tagged.
    pub suffix: String,
    /// The outputs root (`cfn-outputs`).
    pub root: PathBuf,
    pub s3_path_style: bool,
    /// Test hook: fail after this many resources.
    pub fail_after: Option<usize>,
}

/// Builds `scenario` and writes `<root>/<scenario>/flat-outputs.json`; the ledger is written as
/// resources are created, so a failed run can be destroyed.
pub async fn provision(
    config: &SdkConfig,
    scenario: Scenario,
    options: &ProvisionOptions,
) -> Result<Outputs, ProvisionError> {
    let dir = scenario_dir(&options.root, scenario.name());
    let ledger =
        Ledger::open_or_create(&dir.join("ledger.json"), scenario.name(), &options.suffix)?;
    let mut builder = Builder::new(config, ledger, options.s3_path_style);
    if let Some(count) = options.fail_after {
        builder = builder.fail_after(count);
    }
    let outputs = scenario.provision(&mut builder).await?;
    let path = dir.join("flat-outputs.json");
    let text = serde_json::to_string_pretty(&outputs).expect("outputs serialize");
    std::fs::write(&path, text).map_err(|source| ledger::LedgerError::Write { path, source })?;
    Ok(outputs)
}

/// Deletes what the scenario's ledger lists and scans for leftovers.
pub async fn destroy(
    config: &SdkConfig,
    scenario: &str,
    root: &Path,
    s3_path_style: bool,
) -> Result<Teardown, ledger::LedgerError> {
    let path = scenario_dir(root, scenario).join("ledger.json");
    let mut ledger = Ledger::open(&path)?;
    let clients = teardown::Clients::new(config, s3_path_style);
    teardown::destroy(&clients, &mut ledger).await
}
