//! The seed scenarios, one module each. A scenario is a function from a [`Builder`] to the
//! outputs its seed asks for.

mod analytics_platform;
mod blue_green;
mod microservices;
mod transaction_processing;

use crate::build::Builder;
use crate::{Outputs, ProvisionError};

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
}

impl Scenario {
    /// Every scenario, in the order `--all` builds them.
    pub const ALL: [Scenario; 4] = [
        Scenario::TransactionProcessing,
        Scenario::AnalyticsPlatform,
        Scenario::BlueGreen,
        Scenario::Microservices,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "transaction-processing",
            Self::AnalyticsPlatform => "analytics-platform",
            Self::BlueGreen => "blue-green",
            Self::Microservices => "microservices",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|scenario| scenario.name() == name)
    }

    /// The region the seed deploys to.
    pub fn region(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "us-east-1",
            Self::AnalyticsPlatform => "us-east-2",
            Self::BlueGreen | Self::Microservices => "us-east-1",
        }
    }

    /// The seed file the scenario implements.
    pub fn seed(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "000_ec0c5c645e5ca24d.txt",
            Self::AnalyticsPlatform => "001_a23e1a8559be13be.txt",
            Self::BlueGreen => "002_9e198a54650f23fe.txt",
            Self::Microservices => "004_f10cea36880f655d.txt",
        }
    }

    /// Builds the scenario and returns its outputs.
    pub async fn provision(self, builder: &mut Builder) -> Result<Outputs, ProvisionError> {
        match self {
            Self::TransactionProcessing => transaction_processing::provision(builder).await,
            Self::AnalyticsPlatform => analytics_platform::provision(builder).await,
            Self::BlueGreen => blue_green::provision(builder).await,
            Self::Microservices => microservices::provision(builder).await,
        }
    }
}
