//! stackproof-collector: from an outputs file to an inventory.
//!
//! [`outputs`] parses outputs files of any deployment tool and classifies every value into an
//! [`outputs::Anchor`] without the network; [`discovery::collect`] expands the anchors into the
//! stack's resources through the AWS SDK ([`services`]: one module per service), counting every
//! request ([`api_calls`]).

pub mod api_calls;
pub mod clients;
pub mod completeness;
pub mod discovery;
pub mod failure;
mod fan_out;
/// Outputs files, parsed and classified (pure: lives with the checks, which template mode shares).
pub use stackproof_checks::outputs;
pub mod permissions;
pub mod preflight;
pub mod services;
