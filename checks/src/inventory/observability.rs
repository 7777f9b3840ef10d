//! CloudWatch Logs log groups and SNS topics.

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogGroup {
    pub name: String,
    pub arn: Option<String>,
    /// `None` means logs are kept forever.
    pub retention_days: Option<i32>,
    pub kms_key_id: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(LogGroup, "log-group", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SnsTopic {
    pub arn: String,
    pub name: String,
    pub kms_master_key_id: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(SnsTopic, "sns-topic", arn);
