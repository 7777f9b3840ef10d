//! Aurora / RDS: backups, exposure, placement, destroyability, instance classes.

pub mod rds_001_backup_retention_exact;
pub mod rds_002_backup_retention_minimum;
pub mod rds_003_instances_not_public;
pub mod rds_004_deletion_protection_as_profiled;
pub mod rds_005_in_private_subnets;
pub mod rds_006_graviton_instances;
