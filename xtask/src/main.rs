//! Repository chores, run as `cargo xtask <command>` (an alias in `.cargo/config.toml`).

mod new_check;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Repository chores for stackproof's developers")]
struct Cli {
    /// The repository root (default: the workspace this xtask belongs to)
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scaffold a check: its rule file under `checks/src/rules/<prefix>/`, the module and
    /// registry lines (in id order), and pass/fail fixtures to fill in. Every piece fails the
    /// guard and fixture tests until it is written.
    NewCheck(new_check::NewCheck),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let root = cli
        .root
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."));
    match cli.command {
        Command::NewCheck(check) => {
            let written = new_check::scaffold(&root, &check)?;
            for path in written {
                println!("wrote {}", path.display());
            }
            println!(
                "next: write the fixtures, then the rule; give it a mutation in \
                 tests/mutations/catalogue/ and map it in docs/seed-requirements.toml if a seed asks for it"
            );
            Ok(())
        }
    }
}
