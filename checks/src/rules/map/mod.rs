//! Cloud Map: private DNS namespaces and the services registered in them.

pub mod map_001_private_dns_namespace;
pub mod map_002_services_registered;
pub mod map_003_services_in_stack_namespace;
pub mod map_004_dns_records;
