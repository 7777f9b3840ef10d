//! Reading profiles from disk: validation per file, then `extends` merged base-first.

use std::path::{Path, PathBuf};

use super::Profile;
use super::builtin::BUILTIN;

/// A profile that could not be used, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error(
        "profile `{name}` not found: no {path} and no built-in profile of that name (built-in: {builtins})"
    )]
    NotFound {
        name: String,
        path: PathBuf,
        builtins: String,
    },
    #[error("cannot read profile {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid profile {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("profile {path} extends itself through {chain}")]
    Cycle { path: PathBuf, chain: String },
    #[error("profile {path} extends `{base}`: {source}")]
    Extends {
        path: PathBuf,
        base: String,
        source: Box<ProfileError>,
    },
}

/// Where a profile's text comes from.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    File(PathBuf),
    Builtin(&'static str, &'static str),
}

impl Origin {
    /// How errors name it: the file, or `<built-in>/NAME.toml`.
    fn path(&self) -> PathBuf {
        match self {
            Self::File(path) => path.clone(),
            Self::Builtin(name, _) => PathBuf::from(format!("<built-in>/{name}.toml")),
        }
    }

    fn text(&self) -> Result<String, ProfileError> {
        match self {
            Self::Builtin(_, text) => Ok(text.to_string()),
            Self::File(path) => {
                std::fs::read_to_string(path).map_err(|source| match source.kind() {
                    std::io::ErrorKind::NotFound => not_found(path),
                    _ => ProfileError::Read {
                        path: path.clone(),
                        source,
                    },
                })
            }
        }
    }

    /// The profile this one's `extends = "base"` names: beside a file first (relative to its
    /// folder), then among the built-ins; a built-in extends built-ins only.
    fn base(&self, base: &str) -> Result<Origin, ProfileError> {
        match self {
            Self::File(path) => {
                let folder = path.parent().unwrap_or(Path::new("."));
                match Path::new(base) {
                    relative if is_path(base) && relative.is_relative() => {
                        Ok(Origin::File(folder.join(relative)))
                    }
                    _ => locate(base, folder),
                }
            }
            Self::Builtin(..) => builtin_origin(base).ok_or_else(|| not_found(&self.path())),
        }
    }
}

/// The built-in profiles' names, for messages and `profiles list`.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

fn builtin_origin(name: &str) -> Option<Origin> {
    BUILTIN
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(name, text)| Origin::Builtin(name, text))
}

fn not_found(path: &Path) -> ProfileError {
    ProfileError::NotFound {
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_path_buf(),
        builtins: builtin_names().join(", "),
    }
}

/// Whether a profile reference is a path (`ci/strict.toml`) rather than a name.
fn is_path(name_or_path: &str) -> bool {
    name_or_path.ends_with(".toml") || Path::new(name_or_path).components().count() > 1
}

/// A path (`ci/strict.toml`) is a file; a name is `<dir>/<name>.toml` when that exists, else
/// the built-in profile of that name.
fn locate(name_or_path: &str, dir: &Path) -> Result<Origin, ProfileError> {
    if is_path(name_or_path) {
        return Ok(Origin::File(PathBuf::from(name_or_path)));
    }
    let file = dir.join(format!("{name_or_path}.toml"));
    if file.is_file() {
        return Ok(Origin::File(file));
    }
    builtin_origin(name_or_path).ok_or_else(|| not_found(&file))
}

/// Loads a profile by path, by name in `dir`, or by built-in name, following `extends`.
pub fn load_profile(name_or_path: &str, dir: &Path) -> Result<Profile, ProfileError> {
    let origin = locate(name_or_path, dir)?;
    let mut chain = Vec::new();
    let merged = load_table(&origin, &mut chain)?;
    parse_value(merged, &origin.path())
}

/// The text of a profile as it is found (its own file or built-in text, `extends` unresolved),
/// with where it was found.
pub fn profile_text(name_or_path: &str, dir: &Path) -> Result<(PathBuf, String), ProfileError> {
    let origin = locate(name_or_path, dir)?;
    Ok((origin.path(), origin.text()?))
}

/// Parses one profile's text (no `extends` resolution); errors name `path`, line and key.
pub fn parse_profile(text: &str, path: &Path) -> Result<Profile, ProfileError> {
    toml::from_str(text).map_err(|error| ProfileError::Invalid {
        path: path.to_path_buf(),
        message: crate::toml_error::one_line(text, &error),
    })
}

/// Reads a profile, validates it on its own (so errors carry its line numbers), then merges it
/// over the profile it extends.
fn load_table(origin: &Origin, chain: &mut Vec<PathBuf>) -> Result<toml::Table, ProfileError> {
    let path = origin.path();
    if chain.iter().any(|seen| *seen == path) {
        let names: Vec<String> = chain
            .iter()
            .chain([&path])
            .map(|p| p.display().to_string())
            .collect();
        return Err(ProfileError::Cycle {
            path,
            chain: names.join(" → "),
        });
    }
    chain.push(path.clone());
    let text = origin.text()?;
    let profile = parse_profile(&text, &path)?;
    let table: toml::Table = toml::from_str(&text).map_err(|error| ProfileError::Invalid {
        message: crate::toml_error::one_line(&text, &error),
        path: path.clone(),
    })?;
    let Some(base_name) = profile.extends else {
        return Ok(table);
    };
    let extends = |source: ProfileError| match source {
        cycle @ ProfileError::Cycle { .. } => cycle,
        source => ProfileError::Extends {
            path: path.clone(),
            base: base_name.clone(),
            source: Box::new(source),
        },
    };
    let base_origin = origin.base(&base_name).map_err(extends)?;
    let mut base = load_table(&base_origin, chain).map_err(extends)?;
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

/// An error of the merged profile (no single file's text to point into).
fn invalid(path: &Path, error: toml::de::Error) -> ProfileError {
    ProfileError::Invalid {
        path: path.to_path_buf(),
        message: crate::toml_error::one_line("", &error),
    }
}
