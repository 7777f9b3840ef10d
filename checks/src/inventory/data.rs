//! Aurora/RDS and S3.

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DbCluster {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub engine_version: String,
    pub engine_mode: Option<String>,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub backup_retention_days: Option<i32>,
    pub deletion_protection: bool,
    pub iam_database_authentication: bool,
    pub db_subnet_group: Option<String>,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    pub members: Vec<String>,
    pub writer: Option<String>,
    pub endpoint: Option<String>,
    pub reader_endpoint: Option<String>,
    pub port: Option<i32>,
    pub serverless_v2_min_acu: Option<f64>,
    pub serverless_v2_max_acu: Option<f64>,
    pub cloudwatch_logs_exports: Vec<String>,
    pub copy_tags_to_snapshot: bool,
    /// The master user secret RDS manages (`ManageMasterUserPassword`), by ARN.
    pub master_user_secret: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(DbCluster, "db-cluster", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DbInstance {
    pub id: String,
    pub arn: String,
    pub cluster_id: Option<String>,
    pub instance_class: String,
    pub engine: String,
    pub availability_zone: Option<String>,
    pub publicly_accessible: bool,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(DbInstance, "db-instance", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bucket {
    pub name: String,
    pub region: Option<String>,
    /// Default encryption; `None` when the bucket has none (see `errors["encryption"]`).
    pub encryption: Option<BucketEncryption>,
    /// `Enabled`, `Suspended`, or `None` when never enabled.
    pub versioning: Option<String>,
    pub public_access_block: Option<PublicAccessBlock>,
    pub lifecycle_rules: Vec<LifecycleRule>,
    /// The bucket policy document, if any.
    pub policy: Option<serde_json::Value>,
    pub object_ownership: Option<String>,
    pub logging_target: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(Bucket, "s3-bucket", name);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BucketEncryption {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`
    pub algorithm: String,
    pub kms_key_id: Option<String>,
    pub bucket_key_enabled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_blocked(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LifecycleRule {
    pub id: Option<String>,
    pub enabled: bool,
    pub transitions: Vec<LifecycleTransition>,
    pub expiration_days: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LifecycleTransition {
    pub days: Option<i32>,
    pub storage_class: String,
}
