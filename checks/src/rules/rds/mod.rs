//! Aurora / RDS: backups, exposure, placement, destroyability, instance classes.

pub mod rds_001_backup_retention_exact;
pub mod rds_002_backup_retention_minimum;
pub mod rds_003_instances_not_public;
pub mod rds_004_deletion_protection_as_profiled;
pub mod rds_005_in_private_subnets;
pub mod rds_006_graviton_instances;
pub mod rds_007_engine_as_profiled;
pub mod rds_008_instance_count;
pub mod rds_009_one_writer_and_readers;
pub mod rds_010_instances_in_distinct_azs;
pub mod rds_011_serverless_v2;
pub mod rds_012_subnet_group_azs;
pub mod rds_013_log_exports;
pub mod rds_014_iam_authentication;
pub mod rds_015_copy_tags_to_snapshots;
pub mod rds_016_instance_class_as_profiled;
pub mod rds_017_instances_encrypted;
