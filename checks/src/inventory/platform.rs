//! The platform around the workloads: ECR repositories, Cloud Map, Application Auto Scaling,
//! SSM parameters, CloudWatch dashboards and alarms.

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EcrRepository {
    pub name: String,
    pub arn: String,
    pub uri: String,
    /// `MUTABLE` or `IMMUTABLE`
    pub tag_mutability: String,
    pub scan_on_push: bool,
    /// `AES256` or `KMS`
    pub encryption_type: Option<String>,
    pub kms_key: Option<String>,
    /// The lifecycle policy document, when one is set.
    pub lifecycle_policy: Option<serde_json::Value>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(EcrRepository, "ecr-repository", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CloudMapNamespace {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// `DNS_PRIVATE`, `DNS_PUBLIC` or `HTTP`
    pub namespace_type: String,
    pub errors: FetchErrors,
}
resource!(CloudMapNamespace, "cloud-map-namespace", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CloudMapService {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub namespace_id: String,
    /// DNS record types registered for instances (`A`, `SRV` …).
    pub dns_record_types: Vec<String>,
    pub errors: FetchErrors,
}
resource!(CloudMapService, "cloud-map-service", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScalableTarget {
    /// `service/<cluster>/<service>` for ECS.
    pub resource_id: String,
    pub scalable_dimension: String,
    pub min_capacity: Option<i32>,
    pub max_capacity: Option<i32>,
    pub errors: FetchErrors,
}
resource!(ScalableTarget, "scalable-target", resource_id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScalingPolicy {
    pub name: String,
    pub arn: String,
    pub resource_id: String,
    /// `TargetTrackingScaling` or `StepScaling`
    pub policy_type: String,
    pub target_value: Option<f64>,
    /// e.g. `ECSServiceAverageCPUUtilization`
    pub predefined_metric: Option<String>,
    pub errors: FetchErrors,
}
resource!(ScalingPolicy, "scaling-policy", name);

/// An SSM parameter's metadata; values are never collected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SsmParameter {
    pub name: String,
    /// `String`, `StringList` or `SecureString`
    pub parameter_type: String,
    pub key_id: Option<String>,
    pub version: i64,
    pub errors: FetchErrors,
}
resource!(SsmParameter, "ssm-parameter", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dashboard {
    pub name: String,
    pub arn: String,
    /// The dashboard body (widgets and their metrics).
    pub body: Option<serde_json::Value>,
    pub errors: FetchErrors,
}
resource!(Dashboard, "dashboard", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Alarm {
    pub name: String,
    pub arn: String,
    pub namespace: Option<String>,
    pub metric_name: Option<String>,
    pub threshold: Option<f64>,
    pub comparison: Option<String>,
    pub actions_enabled: bool,
    pub alarm_actions: Vec<String>,
    pub errors: FetchErrors,
}
resource!(Alarm, "alarm", name);
