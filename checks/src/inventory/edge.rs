//! Elastic Load Balancing v2: load balancers, listeners, target groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoadBalancer {
    pub arn: String,
    pub name: String,
    pub dns_name: String,
    /// `application`, `network` or `gateway`
    pub lb_type: String,
    /// `internet-facing` or `internal`
    pub scheme: String,
    /// `ipv4` or `dualstack`
    pub ip_address_type: String,
    pub vpc_id: String,
    pub subnet_ids: Vec<String>,
    pub availability_zones: Vec<String>,
    pub security_group_ids: Vec<String>,
    /// Load balancer attributes as the API names them (`deletion_protection.enabled` …).
    pub attributes: BTreeMap<String, String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(LoadBalancer, "load-balancer", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Listener {
    pub arn: String,
    pub load_balancer_arn: String,
    pub port: i32,
    pub protocol: String,
    pub ssl_policy: Option<String>,
    pub default_actions: Vec<ListenerAction>,
    /// Non-default rules, by priority.
    pub rules: Vec<ListenerRule>,
    pub errors: FetchErrors,
}
resource!(Listener, "listener", arn);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListenerRule {
    pub arn: String,
    pub priority: String,
    /// `field=value1,value2` per condition (`path-pattern=/api/*`).
    pub conditions: Vec<String>,
    pub actions: Vec<ListenerAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, …
    pub action_type: String,
    /// Target groups with their weights (a plain forward is one group with weight 1).
    pub forward: Vec<WeightedTargetGroup>,
    pub redirect_protocol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WeightedTargetGroup {
    pub target_group_arn: String,
    pub weight: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TargetGroup {
    pub arn: String,
    pub name: String,
    pub protocol: Option<String>,
    pub port: Option<i32>,
    pub target_type: String,
    pub vpc_id: Option<String>,
    pub load_balancer_arns: Vec<String>,
    pub health_check: HealthCheck,
    pub attributes: BTreeMap<String, String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(TargetGroup, "target-group", name);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthCheck {
    pub enabled: Option<bool>,
    pub path: Option<String>,
    pub protocol: Option<String>,
    pub interval_seconds: Option<i32>,
    pub timeout_seconds: Option<i32>,
    pub healthy_threshold: Option<i32>,
    pub unhealthy_threshold: Option<i32>,
    pub matcher: Option<String>,
}
