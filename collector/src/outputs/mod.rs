//! Outputs files: parsing every style real pipelines write, and classifying each value.

mod classify;
mod parse;

pub use classify::{Anchor, AnchorKind, classify};
pub use parse::{OutputValue, OutputsError, OutputsFormat, ParsedOutputs, parse_outputs};

/// Parses and classifies an outputs file's text in one go.
pub fn anchors_of(
    text: &str,
    source: &std::path::Path,
) -> Result<(OutputsFormat, Vec<Anchor>), OutputsError> {
    let parsed = parse_outputs(text, source)?;
    let anchors = parsed.values.iter().map(classify).collect();
    Ok((parsed.format, anchors))
}
