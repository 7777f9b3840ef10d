//! The platform around the workloads: ECR, Cloud Map, Application Auto Scaling, SSM.

pub mod ecr_001_tag_immutability;
pub mod ecr_002_scan_on_push;
pub mod ecr_003_lifecycle_policy;
pub mod ecr_004_customer_key;
pub mod ecr_005_repositories_as_profiled;
pub mod map_001_private_dns_namespace;
pub mod map_002_services_registered;
pub mod map_003_services_in_stack_namespace;
pub mod map_004_dns_records;
pub mod scale_001_services_scale;
pub mod scale_002_capacity_bounds;
pub mod scale_003_cpu_target_tracking;
pub mod scale_004_target_value_sane;
pub mod scale_005_desired_within_bounds;
pub mod ssm_001_paths_as_profiled;
pub mod ssm_002_secure_string_for_secrets;

use crate::inventory::EcsService;

/// The Application Auto Scaling resource id of an ECS service: `service/<cluster>/<service>`.
pub(crate) fn scaling_resource_id(service: &EcsService) -> String {
    let cluster = service
        .cluster_arn
        .rsplit('/')
        .next()
        .unwrap_or(&service.cluster_arn);
    format!("service/{cluster}/{}", service.name)
}
