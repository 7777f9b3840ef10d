//! IAM roles and their policies, KMS keys, Secrets Manager secrets.

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Role {
    pub name: String,
    pub arn: String,
    /// The trust (assume-role) policy document, URL-decoded JSON.
    pub trust_policy: Option<serde_json::Value>,
    pub inline_policies: Vec<NamedPolicy>,
    pub attached_policies: Vec<AttachedPolicy>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(Role, "iam-role", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NamedPolicy {
    pub name: String,
    pub document: serde_json::Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AttachedPolicy {
    pub arn: String,
    pub name: String,
    /// The default version's document; `None` when it could not be read.
    pub document: Option<serde_json::Value>,
}

impl AttachedPolicy {
    pub fn is_aws_managed(&self) -> bool {
        self.arn.starts_with("arn:aws:iam::aws:policy/")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KmsKey {
    pub id: String,
    pub arn: String,
    /// `CUSTOMER` or `AWS`
    pub key_manager: String,
    pub key_state: String,
    pub key_spec: Option<String>,
    pub rotation_enabled: Option<bool>,
    pub aliases: Vec<String>,
    pub policy: Option<serde_json::Value>,
    /// The output that names this key (by id, ARN, alias or alias ARN), when one does.
    pub named_by_output: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(KmsKey, "kms-key", id);

/// The alias prefix AWS reserves for the keys it manages on a customer's behalf (`alias/aws/rds`).
pub const AWS_MANAGED_ALIAS_PREFIX: &str = "alias/aws/";

impl KmsKey {
    /// A key the customer manages: `KeyManager` says CUSTOMER and no alias is in the prefix AWS
    /// reserves for its own keys (an emulator may report an AWS-managed key as CUSTOMER).
    pub fn is_customer_managed(&self) -> bool {
        self.key_manager == "CUSTOMER"
            && !self
                .aliases
                .iter()
                .any(|alias| alias.starts_with(AWS_MANAGED_ALIAS_PREFIX))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Secret {
    pub arn: String,
    pub name: String,
    pub kms_key_id: Option<String>,
    pub rotation_enabled: bool,
    /// The rotation interval in days (`AutomaticallyAfterDays` or a `rate()` schedule).
    pub rotation_days: Option<i64>,
    /// The rotation `ScheduleExpression` as AWS reports it (`rate(…)` or `cron(…)`).
    pub rotation_schedule: Option<String>,
    /// The service that created and manages the secret (`rds` for an Aurora master user
    /// secret): it picks the name and runs the rotation.
    pub owning_service: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(Secret, "secret", name);
