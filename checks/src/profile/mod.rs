//! Profiles: what a stack's spec demands, as TOML. The baseline and the seed scenarios' profiles
//! (`fixtures/profiles/`) are built into the binary; users keep their own in a profiles
//! directory (`.stackproof/profiles/` by default) or anywhere by path.
//!
//! Every parameter is optional; a check whose parameter is unset is `skip`. A profile may
//! `extends = "<name>"` another — beside it first, then built in: tables merge key by key, the
//! child's values win. Unknown keys and wrong types are errors naming the file, line and key.

mod builtin;
mod lines;
mod load;

use serde::{Deserialize, Serialize};

pub use builtin::{BUILTIN, builtin};
pub use lines::parameter_lines;
pub use load::{ProfileError, builtin_names, load_profile, parse_profile, profile_text};

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
    pub load_balancer: LoadBalancerParams,
    pub platform: PlatformParams,
    pub observability: ObservabilityParams,
    pub stack: StackParams,
    pub drift: DriftParams,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DriftParams {
    /// Shape keys allowed to differ between environments, as globs
    /// (`db-cluster/*/instance_class`, `task-definition/*/*/image_tag` …).
    pub allowed: Option<Vec<String>>,
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
    /// The VPC must have an attached internet gateway (`true`) or none (`false`).
    pub internet_gateway: Option<bool>,
    /// Active VPC peering connections the stack's VPC takes part in, at least.
    pub min_peering_connections: Option<usize>,
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
    /// Cluster engine, e.g. `aurora-postgresql`.
    pub engine: Option<String>,
    /// Instances in the cluster (writer included).
    pub instance_count: Option<usize>,
    /// Reader instances in the cluster.
    pub reader_count: Option<usize>,
    /// Instance class of every instance, e.g. `db.r6g.large`.
    pub instance_class: Option<String>,
    /// The cluster runs Aurora Serverless v2 instances (`db.serverless`) with a capacity range.
    pub serverless_v2: Option<bool>,
    /// The availability zones the DB subnet group spans, exactly (`us-east-1a` …).
    pub subnet_group_azs: Option<Vec<String>>,
    /// Log types exported to CloudWatch Logs (`postgresql` …).
    pub log_exports: Option<Vec<String>>,
    /// IAM database authentication on.
    pub iam_authentication: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageParams {
    /// Buckets must have versioning enabled.
    pub versioning: Option<bool>,
    /// Buckets must move objects to Glacier after this many days.
    pub glacier_transition_days: Option<i32>,
    /// Buckets must log server access to another bucket.
    pub access_logging: Option<bool>,
    /// At least this many buckets in the stack.
    pub min_buckets: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComputeParams {
    /// CPU architecture of every ECS task definition.
    pub cpu_architecture: Option<CpuArchitecture>,
    /// Aurora instances must use Graviton (ARM) instance classes.
    pub graviton_databases: Option<bool>,
    /// CPU units and MiB per task-definition family, by family name without the suffix.
    pub task_sizes: Option<std::collections::BTreeMap<String, TaskSize>>,
    /// Every task definition has at least this much.
    pub min_task_size: Option<TaskSize>,
    /// Capacity providers the cluster must offer (`FARGATE`, `FARGATE_SPOT`).
    pub capacity_providers: Option<Vec<String>>,
    /// The capacity provider strategy's weights (cluster default or service), by provider.
    pub capacity_provider_weights: Option<std::collections::BTreeMap<String, i32>>,
    /// Glob every container image tag must match (`latest`, `staging-*`, `v*.*.*`).
    pub image_tag_pattern: Option<String>,
    /// Container images must come from the stack's own ECR repositories.
    pub private_images: Option<bool>,
    /// Every service runs at least this many tasks.
    pub min_desired_count: Option<i32>,
    /// Every task definition is Fargate-compatible.
    pub fargate: Option<bool>,
    /// Every service gets its own task role.
    pub distinct_task_roles: Option<bool>,
}

/// A task's size as the ECS API writes it: CPU units and MiB.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSize {
    pub cpu: u32,
    pub memory: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoadBalancerParams {
    /// `internet-facing` or `internal`.
    pub scheme: Option<String>,
    /// `ipv4` or `dualstack`.
    pub ip_address_type: Option<String>,
    /// HTTP listeners must redirect to HTTPS (and an HTTPS listener must exist).
    pub https: Option<bool>,
    /// Required state of deletion protection.
    pub deletion_protection: Option<bool>,
    /// Access logs to S3 must be on.
    pub access_logs: Option<bool>,
    /// Ports listeners may use, exactly this set.
    pub listener_ports: Option<Vec<i32>>,
    /// Target group health checks run every this many seconds.
    pub health_check_interval_seconds: Option<i32>,
    pub healthy_threshold: Option<i32>,
    pub unhealthy_threshold: Option<i32>,
    /// Weights of a weighted forward (blue/green), in order, e.g. `[80, 20]`.
    pub forward_weights: Option<Vec<i32>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlatformParams {
    /// ECR repositories the stack must have, by name without the suffix.
    pub ecr_repositories: Option<Vec<String>>,
    /// ECR repositories must be encrypted with a customer-managed KMS key.
    pub ecr_customer_key: Option<bool>,
    /// Every ECS service registers in Cloud Map.
    pub service_discovery: Option<bool>,
    /// Every ECS service scales on its desired count between these bounds.
    pub scaling_min: Option<i32>,
    pub scaling_max: Option<i32>,
    /// Every scalable target has a CPU target-tracking policy.
    pub cpu_target_tracking: Option<bool>,
    /// Secrets the stack must hold, by name without the suffix.
    pub secrets: Option<Vec<String>>,
    /// Secrets must rotate automatically, at most this many days apart.
    pub secret_rotation_days: Option<i64>,
    /// SSM parameter paths that must hold at least one parameter (`/trading-{suffix}/shared` …;
    /// `{suffix}` stands for the environment suffix).
    pub ssm_paths: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObservabilityParams {
    /// Metric names some dashboard must chart (`RunningTaskCount`, `DatabaseConnections` …).
    pub dashboard_metrics: Option<Vec<String>>,
    /// An SNS topic for alerts (drift, alarms) must exist.
    pub alert_topic: Option<bool>,
    /// Log group name prefixes that must exist (`/ecs/`, `/aws/rds/`, …).
    pub log_group_prefixes: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StackParams {
    /// The region the stack must be in.
    pub region: Option<String>,
    /// Every named resource carries the environment suffix.
    pub environment_suffix: Option<bool>,
    /// Words no resource name may contain (hard-coded environment names).
    pub forbidden_name_words: Option<Vec<String>>,
    /// Tags every taggable resource must carry.
    pub required_tags: Option<Vec<String>>,
    /// Kinds of resources the outputs must export (`load-balancer`, `db-cluster`, `bucket` …; a
    /// kind also accepts its DNS-name and endpoint forms).
    pub required_outputs: Option<Vec<String>>,
    /// The stack must be destroyable: no deletion protection anywhere.
    pub destroyable: Option<bool>,
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
