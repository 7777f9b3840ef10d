//! Whole-stack rules.

pub mod inv_001_outputs_resources_exist;
