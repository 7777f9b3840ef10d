//! Outputs files: parsing every style real pipelines write, and classifying each value.

mod classify;
mod parse;

pub use classify::{Anchor, AnchorKind, SENSITIVE, classify};
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

/// The environment suffix an outputs file declares: the value of an output named like
/// `EnvironmentSuffix`, `environment_suffix` or `ENV_SUFFIX` (case and separators ignored).
pub fn environment_suffix(anchors: &[Anchor]) -> Option<String> {
    anchors
        .iter()
        .find(|anchor| {
            let key: String = anchor
                .key
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            key == "environmentsuffix" || key == "envsuffix"
        })
        .map(|anchor| anchor.value.clone())
        .filter(|value| !value.is_empty() && value != classify::SENSITIVE)
}
