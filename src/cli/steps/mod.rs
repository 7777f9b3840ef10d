//! The steps the commands share, in the order a run takes them: read an outputs file
//! ([`outputs`]), collect what it names ([`collect`]), judge the inventory ([`evaluate`]),
//! compare environments ([`drift`]), and for provisioned scenarios, show progress and tear down
//! ([`progress`]); [`args`] holds the arguments several commands take. Subcommands use these
//! steps and never one another.

pub mod args;
pub mod collect;
pub mod drift;
pub mod evaluate;
pub mod outputs;
pub mod progress;
