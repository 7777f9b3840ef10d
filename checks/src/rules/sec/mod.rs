//! Secrets Manager: rotation, the profiled secrets, secrets in use.

pub mod sec_001_rotation_as_profiled;
pub mod sec_002_secrets_as_profiled;
pub mod sec_003_secrets_referenced;
