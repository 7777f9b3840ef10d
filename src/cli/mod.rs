//! The command line: argument parsing, logging set-up, exit codes. One file per subcommand.

mod check_cmd;
mod checks_cmd;
mod collect_cmd;
mod drift_cmd;
mod emulator_cmd;
mod outputs_cmd;
mod permissions_cmd;
mod profiles_cmd;
mod provision_cmd;
pub mod report_args;
mod report_cmd;
pub mod run_cmd;
mod shell_cmd;
pub mod steps;
mod template_check;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, as documented in the README.
pub mod exit {
    /// Everything asked for was done; no check failed.
    pub const OK: u8 = 0;
    /// A check failed (`fail` results; skips and valid waivers do not count).
    pub const FINDINGS: u8 = 1;
    /// Bad usage or bad input (arguments, outputs file, profile, waivers).
    pub const USAGE: u8 = 2;
    /// Something kept verification from happening and nothing failed: `error` results, or the
    /// environment failed us (emulator could not start, AWS unreachable, I/O error).
    pub const FAILURE: u8 = 3;
}

/// The version `--version` prints: the release and the git revision it was built from
/// (`-modified` when the working tree had changes; `unknown` outside a git checkout).
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let revision = git_version::git_version!(
        args = [
            "--always",
            "--abbrev=12",
            "--dirty=-modified",
            "--exclude=*"
        ],
        fallback = "unknown"
    );
    format!("{} (rev {revision})", env!("CARGO_PKG_VERSION"))
});

/// stackproof verifies that a deployed AWS stack meets its spec and the security baseline.
/// It reads the stack's outputs, collects what they lead to, runs checks, and writes reports.
#[derive(Parser, Debug)]
#[command(name = "stackproof", version = VERSION.as_str(), propagate_version = true)]
#[command(
    after_help = "Logging: stackproof's own warnings go to stderr; the AWS SDK's and other libraries' only when \
                  they are errors. -v adds their warnings and stackproof's progress details, -vv debug \
                  output; STACKPROOF_LOG (a tracing filter: debug, info, aws_config=warn …) overrides both."
)]
pub struct Cli {
    /// More log output on stderr: -v the libraries' warnings and stackproof's details, -vv debug
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Collect the stack an outputs file names (or read a saved inventory) and evaluate it against a profile
    Check(check_cmd::CheckArgs),
    /// Collect the resources an outputs file leads to into an inventory JSON
    Collect(collect_cmd::CollectArgs),
    /// Document the check library: `checks list`, `checks explain ID`
    #[command(subcommand)]
    Checks(checks_cmd::ChecksCommand),
    /// Run the embedded emulator (moto) in the foreground and print how to point tools at it
    Emulator(emulator_cmd::EmulatorArgs),
    /// Show how an outputs file's values are classified (offline)
    Outputs(outputs_cmd::OutputsArgs),
    /// The least-privilege IAM policy a command needs: `permissions check [--json]`
    #[command(subcommand)]
    Permissions(permissions_cmd::PermissionsCommand),
    /// The profiles a name reaches (yours and the built-in ones): `profiles list`, `profiles show NAME`
    #[command(subcommand)]
    Profiles(profiles_cmd::ProfilesCommand),
    /// Build seed scenarios on the target and write their outputs files and ledgers
    Provision(provision_cmd::ProvisionArgs),
    /// Tear down what a scenario's ledger lists and prove nothing of the run is left
    Destroy(provision_cmd::DestroyArgs),
    /// The main job: provision each scenario, collect, check against its profile, tear down
    Run(run_cmd::RunArgs),
    /// Work with report directories: `report merge DIR…`
    #[command(subcommand)]
    Report(report_cmd::ReportCommand),
    /// Compare environments of one stack (--env NAME=OUTPUTS, repeated) and report drift
    Drift(drift_cmd::DriftArgs),
    /// Print a shell completion script: `completions bash > /etc/bash_completion.d/stackproof`
    Completions(shell_cmd::CompletionsArgs),
    /// Print the man page (roff), or write every command's page with `--dir DIR`
    Man(shell_cmd::ManArgs),
}

/// An error caused by the user's input (arguments, files): exit code 2 instead of 3.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Entry point of the `stackproof` binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => return fail(exit::FAILURE, &anyhow::Error::new(error)),
    };
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Check(args) => check_cmd::run(args).await,
            Command::Checks(command) => checks_cmd::run(command),
            Command::Collect(args) => collect_cmd::run(args).await,
            Command::Emulator(args) => emulator_cmd::run(args).await,
            Command::Outputs(args) => outputs_cmd::run(args),
            Command::Profiles(command) => profiles_cmd::run(command),
            Command::Permissions(command) => permissions_cmd::run(command),
            Command::Provision(args) => provision_cmd::run_provision(args).await,
            Command::Destroy(args) => provision_cmd::run_destroy(args).await,
            Command::Run(args) => run_cmd::run(args).await,
            Command::Drift(args) => drift_cmd::run(args).await,
            Command::Report(command) => report_cmd::run(command),
            Command::Completions(args) => shell_cmd::completions(args),
            Command::Man(args) => shell_cmd::man(args),
        }
    });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) if error.downcast_ref::<UsageError>().is_some() => fail(exit::USAGE, &error),
        Err(error) => fail(exit::FAILURE, &error),
    }
}

fn fail(code: u8, error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::from(code)
}

/// stackproof's own crates, whose warnings are written for the terminal.
const OWN_CRATES: [&str; 7] = [
    "stackproof",
    "stackproof_checks",
    "stackproof_clients",
    "stackproof_collector",
    "stackproof_provisioner",
    "stackproof_proxy",
    "stackproof_template",
];

/// The default log filter: stackproof's warnings, and only errors of the libraries (the SDK's
/// warnings are Rust Debug dumps of what stackproof already says in one line).
fn default_filter(verbose: u8) -> String {
    let (libraries, own) = match verbose {
        0 => ("error", "warn"),
        1 => ("warn", "info"),
        _ => ("debug", "debug"),
    };
    let own: Vec<String> = OWN_CRATES.iter().map(|c| format!("{c}={own}")).collect();
    format!("{libraries},{}", own.join(","))
}

fn init_logging(verbose: u8) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("STACKPROOF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter(verbose)));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}
