//! Reading profiles from disk: validation per file, then `extends` merged base-first.

use std::path::{Path, PathBuf};

use super::Profile;

/// A profile that could not be used, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("profile `{name}` not found (looked for {path})")]
    NotFound { name: String, path: PathBuf },
    #[error("cannot read profile {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid profile {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("profile {path} extends itself through {chain}")]
    Cycle { path: PathBuf, chain: String },
}

/// Loads a profile by name (`<dir>/<name>.toml`) or by path, following `extends`.
pub fn load_profile(name_or_path: &str, dir: &Path) -> Result<Profile, ProfileError> {
    let path = resolve(name_or_path, dir);
    let mut chain = Vec::new();
    let merged = load_table(&path, &mut chain)?;
    parse_value(merged, &path)
}

/// Parses one profile's text (no `extends` resolution); errors name `path`, line and key.
pub fn parse_profile(text: &str, path: &Path) -> Result<Profile, ProfileError> {
    toml::from_str(text).map_err(|error| invalid(path, error))
}

fn resolve(name_or_path: &str, dir: &Path) -> PathBuf {
    let as_path = Path::new(name_or_path);
    if name_or_path.ends_with(".toml") || as_path.components().count() > 1 {
        as_path.to_path_buf()
    } else {
        dir.join(format!("{name_or_path}.toml"))
    }
}

/// Reads `path`, validates it on its own (so errors carry its line numbers), then merges it over
/// the profile it extends.
fn load_table(path: &Path, chain: &mut Vec<PathBuf>) -> Result<toml::Table, ProfileError> {
    if chain.iter().any(|seen| seen == path) {
        let names: Vec<String> = chain
            .iter()
            .chain([&path.to_path_buf()])
            .map(|p| p.display().to_string())
            .collect();
        return Err(ProfileError::Cycle {
            path: path.to_path_buf(),
            chain: names.join(" → "),
        });
    }
    chain.push(path.to_path_buf());
    let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ProfileError::NotFound {
            name: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_path_buf(),
        },
        _ => ProfileError::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let profile = parse_profile(&text, path)?;
    let table: toml::Table = toml::from_str(&text).map_err(|error| invalid(path, error))?;
    let Some(base_name) = profile.extends else {
        return Ok(table);
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut base = load_table(&resolve(&base_name, dir), chain)?;
    merge(&mut base, table);
    Ok(base)
}

/// Deep merge: tables key by key, anything else replaced by `over`.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(over_table)) => {
                merge(base_table, over_table)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn parse_value(table: toml::Table, path: &Path) -> Result<Profile, ProfileError> {
    toml::Value::Table(table)
        .try_into()
        .map_err(|error: toml::de::Error| invalid(path, error))
}

fn invalid(path: &Path, error: toml::de::Error) -> ProfileError {
    ProfileError::Invalid {
        path: path.to_path_buf(),
        message: error.to_string().trim().to_string(),
    }
}
