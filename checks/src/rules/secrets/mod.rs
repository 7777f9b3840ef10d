//! Secrets Manager and KMS key hygiene.

pub mod kms_001_no_pending_deletion;
pub mod kms_002_policy_no_public_principal;
pub mod kms_003_keys_have_aliases;
pub mod kms_004_encryption_keys_in_stack;
pub mod sec_001_rotation_as_profiled;
pub mod sec_002_secrets_as_profiled;
pub mod sec_003_secrets_referenced;
