//! The seed scenarios, one module each. A scenario is a function from a [`Builder`] to the
//! outputs its seed asks for.

mod transaction_processing;

use crate::build::Builder;
use crate::{Outputs, ProvisionError};

/// A scenario the provisioner can build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scenario {
    /// Seed 000: ECS Fargate (ARM64) behind an ALB, Aurora PostgreSQL writer + reader, 2 AZs.
    TransactionProcessing,
}

impl Scenario {
    /// Every scenario, in the order `--all` builds them.
    pub const ALL: [Scenario; 1] = [Scenario::TransactionProcessing];

    pub fn name(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "transaction-processing",
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
        }
    }

    /// The seed file the scenario implements.
    pub fn seed(self) -> &'static str {
        match self {
            Self::TransactionProcessing => "000_ec0c5c645e5ca24d.txt",
        }
    }

    /// Builds the scenario and returns its outputs.
    pub async fn provision(self, builder: &mut Builder) -> Result<Outputs, ProvisionError> {
        match self {
            Self::TransactionProcessing => transaction_processing::provision(builder).await,
        }
    }
}
