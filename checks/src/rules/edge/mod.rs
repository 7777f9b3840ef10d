//! Elastic Load Balancing v2: exposure, TLS, resilience, health checks, traffic weights.

pub mod elb_001_scheme_as_profiled;
pub mod elb_002_ip_address_type_as_profiled;
pub mod elb_003_internet_facing_in_public_subnets;
pub mod elb_004_multiple_azs;
pub mod elb_005_cross_zone;
pub mod elb_006_drop_invalid_headers;
pub mod elb_007_access_logs;
pub mod elb_008_deletion_protection_as_profiled;
pub mod elb_009_desync_mitigation;
pub mod elb_010_https_as_profiled;
pub mod elb_011_tls_policy;
pub mod elb_012_listener_ports_as_profiled;
pub mod elb_013_health_check_interval;
pub mod elb_014_health_check_thresholds;
pub mod elb_015_health_check_enabled;
pub mod elb_016_forward_weights_as_profiled;
pub mod elb_017_target_groups_served;
