//! The registry: every check, one line each, sorted by id.

use crate::check::Check;
use crate::rules;

/// Every check stackproof knows, sorted by id.
pub static REGISTRY: &[&Check] = &[
    &rules::ecs::ecs_001_task_cpu_architecture::CHECK,
    &rules::ecs::ecs_002_no_public_ip::CHECK,
    &rules::ecs::ecs_003_no_privileged_containers::CHECK,
    &rules::ecs::ecs_004_read_only_root_filesystem::CHECK,
    &rules::ecs::ecs_005_no_secret_names_in_environment::CHECK,
    &rules::ecs::ecs_006_no_credentials_in_environment_values::CHECK,
    &rules::ecs::ecs_007_awslogs_driver::CHECK,
    &rules::ecs::ecs_008_awslogs_stream_prefix::CHECK,
    &rules::ecs::ecs_009_log_group_exists::CHECK,
    &rules::ecs::ecs_010_task_log_group_retention::CHECK,
    &rules::ecs::ecs_011_container_insights::CHECK,
    &rules::ecs::ecs_012_execution_role_not_task_role::CHECK,
    &rules::ecs::ecs_013_fargate_platform_latest::CHECK,
    &rules::ecs::ecs_014_capacity_providers::CHECK,
    &rules::ecs::ecs_015_default_strategy_weights::CHECK,
    &rules::ecs::ecs_016_service_strategy_weights::CHECK,
    &rules::ecs::ecs_017_task_size_as_profiled::CHECK,
    &rules::ecs::ecs_018_task_minimum_size::CHECK,
    &rules::ecs::ecs_019_services_in_private_subnets::CHECK,
    &rules::ecs::ecs_020_health_check_grace_period::CHECK,
    &rules::ecs::ecs_021_awsvpc_network_mode::CHECK,
    &rules::ecs::ecs_022_secrets_from_managed_stores::CHECK,
    &rules::ecs::ecs_023_referenced_secrets_exist::CHECK,
    &rules::ecs::ecs_024_execution_role_reads_secrets::CHECK,
    &rules::ecs::ecs_025_image_tag_policy::CHECK,
    &rules::ecs::ecs_026_images_from_stack_ecr::CHECK,
    &rules::ecs::ecs_027_min_desired_count::CHECK,
    &rules::ecs::ecs_028_fargate_compatible::CHECK,
    &rules::ecs::ecs_029_distinct_task_roles::CHECK,
    &rules::encryption::enc_001_s3_default_encryption::CHECK,
    &rules::encryption::enc_002_s3_customer_key::CHECK,
    &rules::encryption::enc_003_aurora_encrypted::CHECK,
    &rules::encryption::enc_004_aurora_customer_key::CHECK,
    &rules::encryption::enc_005_log_groups_kms::CHECK,
    &rules::encryption::enc_006_secrets_customer_key::CHECK,
    &rules::encryption::enc_007_sns_customer_key::CHECK,
    &rules::encryption::enc_008_kms_rotation::CHECK,
    &rules::iam::iam_001_no_full_wildcard_action::CHECK,
    &rules::iam::iam_002_no_service_wildcard_on_all_resources::CHECK,
    &rules::iam::iam_003_no_not_action_or_not_resource::CHECK,
    &rules::iam::iam_004_wildcard_resources_only_for_allowed_actions::CHECK,
    &rules::iam::iam_005_no_pass_role_on_all::CHECK,
    &rules::iam::iam_006_no_aws_admin_policies::CHECK,
    &rules::iam::iam_007_trust_only_expected_services::CHECK,
    &rules::stack::inv_001_outputs_resources_exist::CHECK,
    &rules::logs::logs_001_retention_set::CHECK,
    &rules::logs::logs_002_retention_as_profiled::CHECK,
    &rules::database::rds_001_backup_retention_exact::CHECK,
    &rules::database::rds_002_backup_retention_minimum::CHECK,
    &rules::database::rds_003_instances_not_public::CHECK,
    &rules::database::rds_004_deletion_protection_as_profiled::CHECK,
    &rules::database::rds_005_in_private_subnets::CHECK,
    &rules::database::rds_006_graviton_instances::CHECK,
    &rules::storage::s3_001_public_access_blocked::CHECK,
    &rules::storage::s3_002_tls_only::CHECK,
    &rules::storage::s3_003_versioning::CHECK,
    &rules::storage::s3_004_glacier_transition::CHECK,
    &rules::security_groups::sg_001_no_world_ingress_except_lb::CHECK,
    &rules::security_groups::sg_002_no_all_protocol_ingress::CHECK,
    &rules::security_groups::sg_003_no_full_port_range::CHECK,
    &rules::security_groups::sg_004_database_only_from_application::CHECK,
    &rules::security_groups::sg_005_application_only_from_groups::CHECK,
    &rules::security_groups::sg_006_egress_as_profiled::CHECK,
    &rules::security_groups::sg_007_rules_described::CHECK,
    &rules::security_groups::sg_008_no_world_admin_ports::CHECK,
    &rules::network::vpc_001_cidr_as_profiled::CHECK,
    &rules::network::vpc_002_az_count::CHECK,
    &rules::network::vpc_003_public_subnet_count::CHECK,
    &rules::network::vpc_004_private_subnet_count::CHECK,
    &rules::network::vpc_005_tiers_spread_over_azs::CHECK,
    &rules::network::vpc_006_private_no_igw_route::CHECK,
    &rules::network::vpc_007_public_routes_to_igw::CHECK,
    &rules::network::vpc_008_nat_gateway_count::CHECK,
    &rules::network::vpc_009_gateway_endpoints_present::CHECK,
    &rules::network::vpc_010_gateway_endpoints_on_private_routes::CHECK,
    &rules::network::vpc_011_interface_endpoints_present::CHECK,
    &rules::network::vpc_012_interface_endpoints_in_private_subnets::CHECK,
    &rules::network::vpc_013_flow_logs_enabled::CHECK,
    &rules::network::vpc_014_default_sg_no_rules::CHECK,
    &rules::network::vpc_015_private_no_public_ip::CHECK,
];

/// The check with this id.
pub fn find(id: &str) -> Option<&'static Check> {
    REGISTRY
        .iter()
        .copied()
        .find(|check| check.meta.id.eq_ignore_ascii_case(id))
}

/// Every check id, in registry order.
pub fn ids() -> Vec<&'static str> {
    REGISTRY.iter().map(|check| check.meta.id).collect()
}
