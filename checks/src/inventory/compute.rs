//! ECS clusters, services and task definitions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EcsCluster {
    pub name: String,
    pub arn: String,
    pub capacity_providers: Vec<String>,
    pub default_strategy: Vec<StrategyItem>,
    /// `enabled`, `enhanced` or `disabled`
    pub container_insights: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(EcsCluster, "ecs-cluster", name);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StrategyItem {
    pub capacity_provider: String,
    pub weight: i32,
    pub base: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EcsService {
    pub name: String,
    pub arn: String,
    pub cluster_arn: String,
    pub task_definition_arn: String,
    pub desired_count: i32,
    pub launch_type: Option<String>,
    pub capacity_provider_strategy: Vec<StrategyItem>,
    pub platform_version: Option<String>,
    /// `Linux` or a Windows Server family; Fargate versions are numbered per family.
    pub platform_family: Option<String>,
    pub assign_public_ip: Option<bool>,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    pub target_group_arns: Vec<String>,
    pub health_check_grace_period_seconds: Option<i32>,
    pub registry_arns: Vec<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(EcsService, "ecs-service", name);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskDefinition {
    pub arn: String,
    pub family: String,
    pub revision: i32,
    /// CPU units as the API writes them (`"1024"`).
    pub cpu: Option<String>,
    /// MiB as the API writes them (`"2048"`).
    pub memory: Option<String>,
    pub network_mode: Option<String>,
    pub requires_compatibilities: Vec<String>,
    /// `ARM64` or `X86_64`; `None` when the task definition leaves it to the default (X86_64).
    pub cpu_architecture: Option<String>,
    pub task_role_arn: Option<String>,
    pub execution_role_arn: Option<String>,
    pub containers: Vec<Container>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(TaskDefinition, "task-definition", arn);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub essential: Option<bool>,
    pub privileged: Option<bool>,
    pub readonly_root_filesystem: Option<bool>,
    pub environment: BTreeMap<String, String>,
    /// Name → `valueFrom` (a Secrets Manager or SSM ARN).
    pub secrets: BTreeMap<String, String>,
    pub log_driver: Option<String>,
    pub log_options: BTreeMap<String, String>,
    pub port_mappings: Vec<i32>,
}
