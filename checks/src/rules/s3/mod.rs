//! S3: public access, TLS, versioning, lifecycle.

pub mod s3_001_public_access_blocked;
pub mod s3_002_tls_only;
pub mod s3_003_versioning;
pub mod s3_004_glacier_transition;
pub mod s3_005_object_ownership_enforced;
pub mod s3_006_access_logging;
pub mod s3_007_lifecycle_configured;
pub mod s3_008_no_public_policy;
pub mod s3_009_bucket_count;
