//! The ledger: a journal of every resource a provisioning run created, written the moment each
//! one exists (whole file rewritten and renamed into place, so a crash leaves it accurate).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Every kind of resource the provisioner creates, in the order teardown must undo them in
/// reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Vpc,
    Subnet,
    InternetGateway,
    RouteTable,
    ElasticIp,
    NatGateway,
    VpcEndpoint,
    SecurityGroup,
    KmsKey,
    KmsAlias,
    LogGroup,
    FlowLog,
    Bucket,
    Role,
    Secret,
    SnsTopic,
    EcsCluster,
    TaskDefinition,
    LoadBalancer,
    TargetGroup,
    Listener,
    EcsService,
    DbSubnetGroup,
    DbCluster,
    DbInstance,
    Dashboard,
    Alarm,
    EcrRepository,
    Namespace,
    DiscoveryService,
    ScalableTarget,
    Certificate,
    ListenerRule,
    SsmParameter,
    VpcPeering,
    KinesisStream,
    BackupVault,
    BackupPlan,
}

impl Kind {
    /// Every kind, in creation order.
    pub const ALL: [Kind; 38] = [
        Kind::Vpc,
        Kind::Subnet,
        Kind::InternetGateway,
        Kind::RouteTable,
        Kind::ElasticIp,
        Kind::NatGateway,
        Kind::VpcEndpoint,
        Kind::SecurityGroup,
        Kind::KmsKey,
        Kind::KmsAlias,
        Kind::LogGroup,
        Kind::FlowLog,
        Kind::Bucket,
        Kind::Role,
        Kind::Secret,
        Kind::SnsTopic,
        Kind::EcsCluster,
        Kind::TaskDefinition,
        Kind::LoadBalancer,
        Kind::TargetGroup,
        Kind::Listener,
        Kind::EcsService,
        Kind::DbSubnetGroup,
        Kind::DbCluster,
        Kind::DbInstance,
        Kind::Dashboard,
        Kind::Alarm,
        Kind::EcrRepository,
        Kind::Namespace,
        Kind::DiscoveryService,
        Kind::ScalableTarget,
        Kind::Certificate,
        Kind::ListenerRule,
        Kind::SsmParameter,
        Kind::VpcPeering,
        Kind::KinesisStream,
        Kind::BackupVault,
        Kind::BackupPlan,
    ];
}

/// One created resource. `context` holds what deletion needs besides the id (the VPC an
/// internet gateway is attached to, the cluster of a service …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub kind: Kind,
    pub id: String,
    pub region: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LedgerFile {
    scenario: String,
    suffix: String,
    entries: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("cannot write ledger {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read ledger {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("ledger {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The ledger of one scenario run.
#[derive(Debug)]
pub struct Ledger {
    path: PathBuf,
    file: LedgerFile,
}

impl Ledger {
    /// Starts a ledger at `path`, continuing one that is already there for the same scenario.
    pub fn open_or_create(path: &Path, scenario: &str, suffix: &str) -> Result<Self, LedgerError> {
        if path.is_file() {
            let ledger = Self::open(path)?;
            if !ledger.file.entries.is_empty() {
                return Ok(ledger);
            }
        }
        let ledger = Self {
            path: path.to_path_buf(),
            file: LedgerFile {
                scenario: scenario.into(),
                suffix: suffix.into(),
                entries: Vec::new(),
            },
        };
        ledger.save()?;
        Ok(ledger)
    }

    /// A placeholder that is never saved (used while a builder changes region).
    pub(crate) fn detached() -> Self {
        Self {
            path: PathBuf::new(),
            file: LedgerFile {
                scenario: String::new(),
                suffix: String::new(),
                entries: Vec::new(),
            },
        }
    }

    pub fn open(path: &Path) -> Result<Self, LedgerError> {
        let text = std::fs::read_to_string(path).map_err(|source| LedgerError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let file = serde_json::from_str(&text).map_err(|error| LedgerError::Invalid {
            path: path.to_path_buf(),
            message: error.to_string(),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            file,
        })
    }

    pub fn suffix(&self) -> &str {
        &self.file.suffix
    }

    pub fn scenario(&self) -> &str {
        &self.file.scenario
    }

    pub fn entries(&self) -> &[Entry] {
        &self.file.entries
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an entry and persists the ledger before returning.
    pub fn record(&mut self, entry: Entry) -> Result<(), LedgerError> {
        self.file.entries.push(entry);
        self.save()
    }

    /// Keeps only the entries `keep` accepts (teardown removes what it deleted).
    pub fn retain(&mut self, keep: impl FnMut(&Entry) -> bool) -> Result<(), LedgerError> {
        self.file.entries.retain(keep);
        self.save()
    }

    fn save(&self) -> Result<(), LedgerError> {
        let write = |source| LedgerError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).map_err(write)?;
        }
        let temporary = self.path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(&self.file).expect("ledger serializes");
        std::fs::write(&temporary, text).map_err(write)?;
        std::fs::rename(&temporary, &self.path).map_err(write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: Kind, id: &str) -> Entry {
        Entry {
            kind,
            id: id.into(),
            region: "us-east-1".into(),
            context: BTreeMap::new(),
        }
    }

    #[test]
    fn every_record_is_on_disk_before_record_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scenario/ledger.json");
        let mut ledger = Ledger::open_or_create(&path, "transaction-processing", "ab12").unwrap();
        ledger.record(entry(Kind::Vpc, "vpc-1")).unwrap();
        ledger.record(entry(Kind::Subnet, "subnet-1")).unwrap();
        let reread = Ledger::open(&path).unwrap();
        assert_eq!(reread.entries(), ledger.entries());
        assert_eq!(
            (reread.scenario(), reread.suffix()),
            ("transaction-processing", "ab12")
        );
        let continued = Ledger::open_or_create(&path, "transaction-processing", "other").unwrap();
        assert_eq!(
            continued.entries().len(),
            2,
            "an unfinished ledger is continued, not overwritten"
        );
    }

    #[test]
    fn retain_persists_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let mut ledger = Ledger::open_or_create(&path, "s", "x").unwrap();
        ledger.record(entry(Kind::Vpc, "vpc-1")).unwrap();
        ledger.record(entry(Kind::Bucket, "b")).unwrap();
        ledger.retain(|e| e.kind == Kind::Vpc).unwrap();
        assert_eq!(
            Ledger::open(&path).unwrap().entries(),
            [entry(Kind::Vpc, "vpc-1")]
        );
    }

    #[test]
    fn a_corrupt_ledger_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        std::fs::write(&path, "{ not json").unwrap();
        let error = Ledger::open(&path).unwrap_err();
        assert!(error.to_string().contains("ledger.json"), "{error}");
    }
}
