//! ECR repositories: immutable tags, scanning, lifecycle, keys.

pub mod ecr_001_tag_immutability;
pub mod ecr_002_scan_on_push;
pub mod ecr_003_lifecycle_policy;
pub mod ecr_004_customer_key;
pub mod ecr_005_repositories_as_profiled;
