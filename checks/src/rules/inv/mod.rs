//! The inventory: every resource the outputs name exists, and the collection completed.

pub mod inv_001_outputs_resources_exist;
pub mod inv_002_collection_complete;
pub mod inv_003_template_resources_judged;
