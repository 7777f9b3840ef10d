//! S3: public access, TLS, versioning, lifecycle.

pub mod s3_001_public_access_blocked;
pub mod s3_002_tls_only;
pub mod s3_003_versioning;
pub mod s3_004_glacier_transition;
