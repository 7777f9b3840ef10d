//! SSM parameters: paths and secure strings.

pub mod ssm_001_paths_as_profiled;
pub mod ssm_002_secure_string_for_secrets;
