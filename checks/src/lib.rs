//! stackproof-checks: the inventory model, profiles, checks, the evaluation engine and results.
//!
//! Everything here is pure: no I/O but reading profile and waiver files, no AWS SDK, no network.
//! The flow: [`inventory::Inventory`] + [`profile::Profile`] → [`engine::evaluate`] runs the
//! [`registry::REGISTRY`] → [`result::CheckResult`]s, with [`waiver`]s applied.

pub mod check;
pub mod context;
pub mod coverage;
pub mod drift;
pub mod engine;
pub mod inventory;
pub mod outputs;
pub mod policy;
pub mod profile;
pub mod registry;
pub mod report;
pub mod result;
pub mod rules;
pub mod toml_error;
pub mod waiver;
pub mod words;
