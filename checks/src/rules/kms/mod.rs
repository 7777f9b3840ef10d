//! KMS key hygiene: no pending deletion, no public principal, aliases, the stack's own keys.

pub mod kms_001_no_pending_deletion;
pub mod kms_002_policy_no_public_principal;
pub mod kms_003_keys_have_aliases;
pub mod kms_004_encryption_keys_in_stack;
