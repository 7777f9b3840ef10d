//! stackproof: verify that a deployed AWS stack meets its spec and the security baseline.
//!
//! The pipeline (see `docs/architecture.md`): outputs → anchors → inventory (collector) → results (checks)
//! → reports. This crate is the command-line tool and the parts every command shares: the target
//! layer ([`target`]) and the embedded emulator ([`emulator`]).

pub mod cli;
pub mod emulator;
#[cfg(feature = "localstack")]
pub mod localstack;
pub mod target;
