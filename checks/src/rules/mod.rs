//! The check library, one file per check under `<domain>/<id>_<slug>.rs`, registered in
//! `registry.rs`.

pub mod database;
pub mod ecs;
pub mod encryption;
pub mod iam;
pub mod logs;
pub mod network;
pub mod security_groups;
pub mod stack;
pub mod storage;

/// What every rule file needs.
pub(crate) mod prelude {
    pub use super::op;
    pub use crate::check::Reference::{Cis, Fsbp, PciDss4, Seed};
    pub use crate::declare_check;
    pub use crate::engine::{Context, SubnetTier};
    pub use crate::inventory::*;
    pub use crate::result::{Evidence, Finding};
}

/// The API operations evidence comes from.
pub mod op {
    pub const EC2_VPCS: &str = "ec2:DescribeVpcs";
    pub const EC2_SUBNETS: &str = "ec2:DescribeSubnets";
    pub const EC2_ROUTE_TABLES: &str = "ec2:DescribeRouteTables";
    pub const EC2_NAT_GATEWAYS: &str = "ec2:DescribeNatGateways";
    pub const EC2_VPC_ENDPOINTS: &str = "ec2:DescribeVpcEndpoints";
    pub const EC2_SECURITY_GROUPS: &str = "ec2:DescribeSecurityGroups";
    pub const EC2_FLOW_LOGS: &str = "ec2:DescribeFlowLogs";
    pub const IAM_ROLE: &str = "iam:GetRole";
    pub const IAM_POLICIES: &str = "iam:GetRolePolicy/GetPolicyVersion";
    pub const IAM_ATTACHED: &str = "iam:ListAttachedRolePolicies";
    pub const S3_ENCRYPTION: &str = "s3:GetBucketEncryption";
    pub const S3_VERSIONING: &str = "s3:GetBucketVersioning";
    pub const S3_PUBLIC_ACCESS: &str = "s3:GetPublicAccessBlock";
    pub const S3_LIFECYCLE: &str = "s3:GetBucketLifecycleConfiguration";
    pub const S3_POLICY: &str = "s3:GetBucketPolicy";
    pub const RDS_CLUSTERS: &str = "rds:DescribeDBClusters";
    pub const RDS_INSTANCES: &str = "rds:DescribeDBInstances";
    pub const LOGS_GROUPS: &str = "logs:DescribeLogGroups";
    pub const KMS_ROTATION: &str = "kms:GetKeyRotationStatus";
    pub const SECRETS_DESCRIBE: &str = "secretsmanager:DescribeSecret";
    pub const SNS_ATTRIBUTES: &str = "sns:GetTopicAttributes";
    pub const ECS_TASK_DEFINITION: &str = "ecs:DescribeTaskDefinition";
}
