//! CloudWatch Logs retention.

pub mod logs_001_retention_set;
pub mod logs_002_retention_as_profiled;
