//! stackproof-collector: from an outputs file to an inventory.
//!
//! [`outputs`] parses outputs files of any deployment tool and classifies every value into an
//! [`outputs::Anchor`] without the network; discovery then expands the anchors into the stack's
//! resources through the AWS SDK.

pub mod outputs;
