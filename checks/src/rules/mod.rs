//! The check library, one file per check under `<prefix>/<id>_<slug>.rs` (the folder is the id's
//! prefix: `VPC-017` lives in `vpc/`), registered in
//! `registry.rs`.

pub mod ecr;
pub mod ecs;
pub mod elb;
pub mod enc;
pub mod iam;
pub mod inv;
pub mod kms;
pub mod logs;
pub mod map;
pub mod obs;
pub mod rds;
pub mod s3;
pub mod scale;
pub mod sec;
pub mod sg;
pub mod ssm;
pub mod stack;
pub mod vpc;

/// What every rule file needs.
pub(crate) mod prelude {
    pub use super::op;
    pub use crate::check::Reference::{Cis, Fsbp, PciDss4, Seed};
    pub use crate::context::{Context, SubnetTier};
    pub use crate::declare_check;
    pub use crate::inventory::*;
    pub use crate::outputs::AnchorKind;
    pub use crate::result::Status;
    pub use crate::result::{Evidence, Finding};
    pub use crate::words::W;
    pub use std::collections::{BTreeMap, BTreeSet};
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
    pub const ECS_SERVICES: &str = "ecs:DescribeServices";
    pub const ECS_CLUSTERS: &str = "ecs:DescribeClusters";
    pub const EC2_INTERNET_GATEWAYS: &str = "ec2:DescribeInternetGateways";
    pub const EC2_PEERINGS: &str = "ec2:DescribeVpcPeeringConnections";
    pub const ELB_LOAD_BALANCERS: &str = "elasticloadbalancing:DescribeLoadBalancers";
    pub const ELB_ATTRIBUTES: &str = "elasticloadbalancing:DescribeLoadBalancerAttributes";
    pub const ELB_LISTENERS: &str = "elasticloadbalancing:DescribeListeners";
    pub const ELB_RULES: &str = "elasticloadbalancing:DescribeRules";
    pub const ELB_TARGET_GROUPS: &str = "elasticloadbalancing:DescribeTargetGroups";
    pub const ELB_TARGET_GROUP_ATTRIBUTES: &str =
        "elasticloadbalancing:DescribeTargetGroupAttributes";
    pub const S3_OWNERSHIP: &str = "s3:GetBucketOwnershipControls";
    pub const S3_LOGGING: &str = "s3:GetBucketLogging";
    pub const S3_LIST: &str = "s3:HeadBucket";
    pub const KMS_DESCRIBE: &str = "kms:DescribeKey";
    pub const KMS_POLICY: &str = "kms:GetKeyPolicy";
    pub const KMS_ALIASES: &str = "kms:ListAliases";
    pub const ECR_REPOSITORIES: &str = "ecr:DescribeRepositories";
    pub const ECR_LIFECYCLE: &str = "ecr:GetLifecyclePolicy";
    pub const CLOUD_MAP_NAMESPACE: &str = "servicediscovery:GetNamespace";
    pub const CLOUD_MAP_SERVICE: &str = "servicediscovery:GetService";
    pub const SCALABLE_TARGETS: &str = "application-autoscaling:DescribeScalableTargets";
    pub const SCALING_POLICIES: &str = "application-autoscaling:DescribeScalingPolicies";
    pub const SSM_PARAMETERS: &str = "ssm:DescribeParameters";
    pub const CW_DASHBOARD: &str = "cloudwatch:GetDashboard";
    pub const CW_ALARMS: &str = "cloudwatch:DescribeAlarms";
    pub const OUTPUTS: &str = "outputs file";
}
