//! The seed scenarios, one module each. A scenario is a function from a [`Builder`] to the
//! outputs its seed asks for.

mod analytics_platform;
mod benchmark;
mod blue_green;
mod microservices;
mod multi_environment;
mod transaction_processing;

use crate::build::Builder;
use crate::{Environment, ProvisionError};

/// A scenario the provisioner can build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scenario {
    /// Seed 000: ECS Fargate (ARM64) behind an ALB, Aurora PostgreSQL writer + reader, 2 AZs.
    TransactionProcessing,
    /// Seed 001: Fargate Spot, Aurora Serverless v2 with a customer key, endpoints instead of NAT, 3 AZs.
    AnalyticsPlatform,
    /// Seed 002: Fargate 2 vCPU / 4 GB, Aurora with 2 instances, ALB forwarding 80/20 blue/green, 3 AZs.
    BlueGreen,
    /// Seed 004: three Fargate microservices, ECR, Cloud Map, autoscaling, HTTP+HTTPS ALB, 3 AZs.
    Microservices,
    /// Seed 003: the same base as prod, staging (us-east-1) and dev (us-east-2), with SSM hierarchies and peering.
    MultiEnvironment,
    /// Benchmark stack: about 35 resources in the mix of the seeds (no seed).
    Mixed35,
    /// Benchmark stack: 100 log groups, 50 roles, 50 security groups (no seed).
    Scale100,
    /// Benchmark stack: 1,000 log groups, 500 roles, 500 security groups (no seed).
    Scale1000,
}

impl Scenario {
    /// Every scenario, in the order `--all` builds them.
    pub const ALL: [Scenario; 5] = [
        Scenario::TransactionProcessing,
        Scenario::AnalyticsPlatform,
        Scenario::BlueGreen,
        Scenario::MultiEnvironment,
        Scenario::Microservices,
    ];

    /// The stacks for docs/performance.md; `provision` and `destroy` build them, `run` does not.
    pub const BENCHMARK: [Scenario; 3] =
        [Scenario::Mixed35, Scenario::Scale100, Scenario::Scale1000];

    pub fn name(self) -> &'static str {
        match self {
            Self::Mixed35 => "mixed-35",
            Self::Scale100 => "scale-100",
            Self::Scale1000 => "scale-1000",
            Self::TransactionProcessing => "transaction-processing",
            Self::AnalyticsPlatform => "analytics-platform",
            Self::BlueGreen => "blue-green",
            Self::Microservices => "microservices",
            Self::MultiEnvironment => "multi-environment",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain(Self::BENCHMARK)
            .find(|scenario| scenario.name() == name)
    }

    /// The region the seed deploys to.
    pub fn region(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "us-east-1",
            Self::AnalyticsPlatform => "us-east-2",
            _ => "us-east-1",
        }
    }

    /// Every region the scenario builds in (teardown scans each for what the ledger missed).
    pub fn regions(self) -> Vec<&'static str> {
        match self {
            Self::MultiEnvironment => multi_environment::regions(),
            _ => vec![self.region()],
        }
    }

    /// The names of the environments the scenario builds (none: one stack without a name).
    pub fn environment_names(self) -> Vec<&'static str> {
        match self {
            Self::MultiEnvironment => multi_environment::environment_names(),
            _ => Vec::new(),
        }
    }

    /// The seed file the scenario implements (none for benchmark stacks).
    pub fn seed(self) -> Option<&'static str> {
        match self {
            Self::TransactionProcessing => Some("000_ec0c5c645e5ca24d.txt"),
            Self::AnalyticsPlatform => Some("001_a23e1a8559be13be.txt"),
            Self::BlueGreen => Some("002_9e198a54650f23fe.txt"),
            Self::Microservices => Some("004_f10cea36880f655d.txt"),
            Self::MultiEnvironment => Some("003_f90275c0a79cc6bd.txt"),
            Self::Mixed35 | Self::Scale100 | Self::Scale1000 => None,
        }
    }

    /// Builds the scenario and returns its outputs.
    pub async fn provision(
        self,
        builder: &mut Builder,
    ) -> Result<Vec<Environment>, ProvisionError> {
        let single = |outputs| vec![Environment::single(self.region(), outputs)];
        match self {
            Self::TransactionProcessing => {
                transaction_processing::provision(builder).await.map(single)
            }
            Self::AnalyticsPlatform => analytics_platform::provision(builder).await.map(single),
            Self::BlueGreen => blue_green::provision(builder).await.map(single),
            Self::Microservices => microservices::provision(builder).await.map(single),
            Self::MultiEnvironment => multi_environment::provision(builder).await,
            Self::Mixed35 => benchmark::mixed(builder).await.map(single),
            Self::Scale100 => benchmark::scale(builder, 100).await.map(single),
            Self::Scale1000 => benchmark::scale(builder, 1000).await.map(single),
        }
    }
}
