//! Reading an outputs file: every problem a usage error naming the file.

use std::path::Path;

use anyhow::Result;
use stackproof_collector::outputs::{Anchor, OutputsFormat, anchors_of};

use crate::cli::UsageError;

/// Reads and classifies an outputs file, as a usage error when it is unreadable or malformed.
pub fn read_anchors(path: &Path) -> Result<Vec<Anchor>> {
    Ok(read_outputs(path)?.1)
}

/// Reads and classifies an outputs file; every problem is a usage error naming the file.
pub fn read_outputs(path: &Path) -> Result<(OutputsFormat, Vec<Anchor>)> {
    let bytes = std::fs::read(path).map_err(|error| {
        UsageError(format!(
            "cannot read outputs file {}: {error}",
            path.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        UsageError(format!(
            "outputs file {} is not valid JSON: it is not UTF-8 text (at byte {})",
            path.display(),
            error.utf8_error().valid_up_to()
        ))
    })?;
    anchors_of(&text, path).map_err(|error| UsageError(error.to_string()).into())
}
