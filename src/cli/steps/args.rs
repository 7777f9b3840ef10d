//! Arguments several commands share.

use std::path::PathBuf;

/// Where profile names are looked up before the built-in profiles.
#[derive(clap::Args, Debug, Clone)]
pub struct ProfilesDir {
    /// Folder of your own profiles: a name is looked up there first (NAME.toml), then among the
    /// built-in profiles (`stackproof profiles list`)
    #[arg(
        long = "profiles-dir",
        value_name = "DIR",
        env = "STACKPROOF_PROFILES_DIR",
        default_value = ".stackproof/profiles"
    )]
    pub dir: PathBuf,
}

/// `KEY=VALUE` of `--parameter`.
pub fn parse_parameter(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE"))?;
    Ok((key.trim().to_string(), value.to_string()))
}
