//! Profiles: what a stack's spec demands, as TOML under `fixtures/profiles/`.
//!
//! Every parameter is optional; a check whose parameter is unset is `skip`. A profile may
//! `extends = "<name>"` another in the same directory: tables merge key by key, the child's values
//! win. Unknown keys and wrong types are errors naming the file, line and key.

mod load;

use serde::{Deserialize, Serialize};

pub use load::{ProfileError, load_profile, parse_profile};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// The profile this one builds on (a name in the same directory).
    pub extends: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub network: NetworkParams,
    pub security_groups: SecurityGroupParams,
    pub iam: IamParams,
    pub encryption: EncryptionParams,
    pub logs: LogParams,
    pub database: DatabaseParams,
    pub storage: StorageParams,
    pub compute: ComputeParams,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkParams {
    /// The VPC's primary CIDR block, e.g. `10.0.0.0/16`.
    pub vpc_cidr: Option<String>,
    /// Distinct availability zones the subnets span.
    pub az_count: Option<usize>,
    pub public_subnets: Option<usize>,
    pub private_subnets: Option<usize>,
    /// Exactly this many NAT gateways (0: none).
    pub nat_gateways: Option<usize>,
    /// Gateway endpoint services (`s3`, `dynamodb`) attached to the private route tables.
    pub gateway_endpoints: Option<Vec<String>>,
    /// Interface endpoint services (`ecr.api`, `ecr.dkr`, `ecs`, `logs` …) in the private subnets.
    pub interface_endpoints: Option<Vec<String>>,
    /// VPC flow logs must be on.
    pub flow_logs: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroupParams {
    /// Ports open to the internet, and only on groups of internet-facing load balancers.
    pub public_ingress_ports: Option<Vec<i32>>,
    /// The database port the application tier may reach.
    pub database_port: Option<i32>,
    /// Tiers (`load_balancer`, `application`, `database`) allowed unrestricted egress.
    pub open_egress_tiers: Option<Vec<Tier>>,
}

/// The role of a security group, from what it is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    LoadBalancer,
    Application,
    Database,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IamParams {
    /// Actions (wildcards allowed, e.g. `logs:*`) that may use `Resource: "*"`.
    pub wildcard_resource_actions: Option<Vec<String>>,
    /// Service principals a role's trust policy may name.
    pub trusted_service_principals: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EncryptionParams {
    /// S3 default encryption must be SSE-KMS with a customer-managed key.
    pub s3_customer_key: Option<bool>,
    /// Aurora storage must be encrypted with a customer-managed key.
    pub database_customer_key: Option<bool>,
    /// Log groups must be encrypted with a KMS key.
    pub log_groups_kms: Option<bool>,
    /// Secrets must use a customer-managed key.
    pub secrets_customer_key: Option<bool>,
    /// SNS topics must use a customer-managed key.
    pub sns_customer_key: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogParams {
    /// Every log group keeps events exactly this many days.
    pub retention_days: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseParams {
    /// Aurora backup retention, exactly.
    pub backup_retention_days: Option<i32>,
    /// Aurora backup retention, at least.
    pub min_backup_retention_days: Option<i32>,
    /// Required state of deletion protection (seeds want `false` so stacks can be torn down).
    pub deletion_protection: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageParams {
    /// Buckets must have versioning enabled.
    pub versioning: Option<bool>,
    /// Buckets must move objects to Glacier after this many days.
    pub glacier_transition_days: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComputeParams {
    /// CPU architecture of every ECS task definition.
    pub cpu_architecture: Option<CpuArchitecture>,
    /// Aurora instances must use Graviton (ARM) instance classes.
    pub graviton_databases: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CpuArchitecture {
    #[serde(rename = "ARM64")]
    Arm64,
    #[serde(rename = "X86_64")]
    X86_64,
}

impl CpuArchitecture {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Arm64 => "ARM64",
            Self::X86_64 => "X86_64",
        }
    }
}
