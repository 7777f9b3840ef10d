//! stackproof-provisioner: builds the seed scenarios with direct AWS SDK calls — small and boring
//! on purpose — records every created resource in a ledger the moment it exists, writes the
//! outputs file the checks start from, and tears everything down again.
//!
//! Layout: [`ledger`] (the journal), [`build`] (one helper per resource kind, each recording to
//! the ledger), [`scenarios`] (one module per seed), [`teardown`] (reverse deletion and the
//! leftover scan).

pub mod build;
pub mod ledger;
pub mod permissions;
pub mod progress;
pub mod retry;
pub mod scenarios;
pub mod stale;
pub mod teardown;
pub mod wait;

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
    #[error("interrupted after {0} resources (each recorded in the ledger)")]
    Interrupted(usize),
}

/// The stack outputs a scenario writes: key → value, in the flat CloudFormation style.
pub type Outputs = BTreeMap<String, String>;

/// One deployed environment of a scenario. Most scenarios have one, unnamed; the
/// multi-environment scenario has `prod`, `staging` and `dev`, each with its own outputs file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub name: Option<String>,
    pub region: String,
    pub outputs: Outputs,
}

impl Environment {
    pub fn single(region: &str, outputs: Outputs) -> Self {
        Self {
            name: None,
            region: region.to_string(),
            outputs,
        }
    }

    /// `<root>/<scenario>/flat-outputs.json`, or `<root>/<scenario>/<env>/flat-outputs.json`.
    pub fn outputs_file(&self, root: &Path, scenario: &str) -> PathBuf {
        let dir = scenario_dir(root, scenario);
        match &self.name {
            Some(name) => dir.join(name).join("flat-outputs.json"),
            None => dir.join("flat-outputs.json"),
        }
    }
}

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
    /// Set (by a Ctrl-C handler) to stop the build after the resource being created is
    /// recorded, so teardown finds everything that was made.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// Builds `scenario` and writes each environment's outputs file; the ledger is written as
/// resources are created, so a failed run can be destroyed.
pub async fn provision(
    config: &SdkConfig,
    scenario: Scenario,
    options: &ProvisionOptions,
) -> Result<Vec<Environment>, ProvisionError> {
    let dir = scenario_dir(&options.root, scenario.name());
    let ledger =
        Ledger::open_or_create(&dir.join("ledger.json"), scenario.name(), &options.suffix)?;
    let mut builder = Builder::new(config, ledger, options.s3_path_style);
    if let Some(count) = options.fail_after {
        builder = builder.fail_after(count);
    }
    if let Some(stop) = &options.stop {
        builder = builder.stop_on(stop.clone());
    }
    let environments = scenario.provision(&mut builder).await?;
    builder.settle().await?;
    for environment in &environments {
        let path = environment.outputs_file(&options.root, scenario.name());
        let write = |source| ledger::LedgerError::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(path.parent().unwrap_or(&dir)).map_err(write)?;
        let text = serde_json::to_string_pretty(&environment.outputs).expect("outputs serialize");
        std::fs::write(&path, text).map_err(write)?;
    }
    Ok(environments)
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
    let regions = Scenario::from_name(scenario)
        .map(Scenario::regions)
        .unwrap_or_default();
    teardown::destroy(config, s3_path_style, &mut ledger, &regions).await
}

/// The same target in another region.
pub(crate) fn in_region(config: &SdkConfig, region: &str) -> SdkConfig {
    config
        .to_builder()
        .region(aws_types::region::Region::new(region.to_string()))
        .build()
}
