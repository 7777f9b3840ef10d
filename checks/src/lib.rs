//! stackproof-checks: the inventory model, profiles, checks, the evaluation engine and results.
//!
//! Everything here is pure: no I/O but reading profile and waiver files, no AWS SDK, no network.

pub mod inventory;
