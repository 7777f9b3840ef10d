//! `stackproof profiles`: the profiles a name can reach — the user's own (in the profiles
//! directory) and the built-in ones — and the TOML of one, to copy and extend.

use anyhow::Result;
use stackproof_checks::profile::{builtin_names, load_profile, profile_text};

use super::UsageError;
use super::steps::args::ProfilesDir;

#[derive(clap::Subcommand, Debug)]
pub enum ProfilesCommand {
    /// Every profile a name reaches: yours (in --profiles-dir) and the built-in ones
    List {
        #[command(flatten)]
        profiles: ProfilesDir,
        /// One JSON object per profile: name, source, description, extends
        #[arg(long)]
        json: bool,
    },
    /// Print a profile's TOML (yours or built in) to copy into your own and extend
    Show {
        /// Profile name or path
        name: String,
        #[command(flatten)]
        profiles: ProfilesDir,
    },
}

pub fn run(command: ProfilesCommand) -> Result<u8> {
    match command {
        ProfilesCommand::List { profiles, json } => list(&profiles, json),
        ProfilesCommand::Show { name, profiles } => {
            let (_, text) =
                profile_text(&name, &profiles.dir).map_err(|e| UsageError(e.to_string()))?;
            print!("{text}");
            Ok(super::exit::OK)
        }
    }
}

fn list(profiles: &ProfilesDir, json: bool) -> Result<u8> {
    let mut names: Vec<String> = std::fs::read_dir(&profiles.dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|file| file.strip_suffix(".toml").map(str::to_string))
        .collect();
    names.extend(builtin_names().into_iter().map(str::to_string));
    names.sort();
    names.dedup();
    let mut rows = Vec::new();
    for name in &names {
        let (path, _) = profile_text(name, &profiles.dir).map_err(|e| UsageError(e.to_string()))?;
        let profile = load_profile(name, &profiles.dir).map_err(|e| UsageError(e.to_string()))?;
        rows.push(serde_json::json!({
            "name": name,
            "source": path.display().to_string(),
            "description": profile.description.unwrap_or_default(),
            "extends": profile.extends,
        }));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(super::exit::OK);
    }
    for row in &rows {
        println!(
            "{:<28} {:<44} {}",
            row["name"].as_str().unwrap_or_default(),
            row["source"].as_str().unwrap_or_default(),
            row["description"].as_str().unwrap_or_default()
        );
    }
    Ok(super::exit::OK)
}
