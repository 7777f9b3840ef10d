//! Secrets Manager and KMS key hygiene.


