//! Application Auto Scaling: targets, bounds and policies of ECS services.

pub mod scale_001_services_scale;
pub mod scale_002_capacity_bounds;
pub mod scale_003_cpu_target_tracking;
pub mod scale_004_target_value_sane;
pub mod scale_005_desired_within_bounds;

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
