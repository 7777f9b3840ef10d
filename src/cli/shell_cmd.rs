//! `completions SHELL` and `man`: shell completion scripts and man pages, generated from the
//! CLI definition so they never disagree with `--help`.

use clap::{Args, CommandFactory};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Cli, exit};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for: bash, zsh, fish, elvish or powershell
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write one page per command (`stackproof.1`, `stackproof-check.1` …) into DIR instead of
    /// printing the top-level page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints the completion script, for example into `~/.local/share/bash-completion/completions/stackproof`.
pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    // Generated into memory: clap_complete panics on a failed write (a closed pipe), a write
    // of ours returns the error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "stackproof", &mut script);
    std::io::stdout().write_all(&script)?;
    Ok(exit::OK)
}

/// Prints the man page, or writes every command's page into a directory.
pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    // The release alone: pages shipped in archives do not change with every commit.
    let command = Cli::command().version(env!("CARGO_PKG_VERSION"));
    match args.dir {
        None => clap_mangen::Man::new(command).render(&mut std::io::stdout())?,
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            write_pages(command, &dir)?;
            println!("man pages: {}", dir.display());
        }
    }
    Ok(exit::OK)
}

/// The page of `command` and of each of its subcommands, named `parent-child.1` as man(1)
/// expects for `man stackproof-check`.
fn write_pages(command: clap::Command, dir: &Path) -> anyhow::Result<()> {
    let command = command.disable_help_subcommand(true);
    clap_mangen::generate_to(command, dir)?;
    Ok(())
}
