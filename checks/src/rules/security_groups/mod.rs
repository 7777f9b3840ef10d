//! Security groups: internet exposure, breadth of rules, tiering between load balancer,
//! application and database.

pub mod sg_001_no_world_ingress_except_lb;
pub mod sg_002_no_all_protocol_ingress;
pub mod sg_003_no_full_port_range;
pub mod sg_004_database_only_from_application;
pub mod sg_005_application_only_from_groups;
pub mod sg_006_egress_as_profiled;
pub mod sg_007_rules_described;
pub mod sg_008_no_world_admin_ports;
pub mod sg_009_lb_ingress_matches_listeners;
pub mod sg_010_app_ingress_on_container_ports;
