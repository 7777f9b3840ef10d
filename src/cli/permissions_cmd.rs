//! `stackproof permissions`: the least-privilege IAM policy a command needs, derived from the
//! operations it can send (the table the request counter is checked against).

use anyhow::Result;
use stackproof_collector::permissions::{COLLECTOR_OPERATIONS, iam_action, policy};

#[derive(clap::Subcommand, Debug)]
pub enum PermissionsCommand {
    /// What `check` and `collect` need: read-only describe, get and list actions
    Check {
        /// Print only the policy document (JSON), ready for `aws iam put-role-policy`
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: PermissionsCommand) -> Result<u8> {
    let PermissionsCommand::Check { json } = command;
    let document = policy(COLLECTOR_OPERATIONS, "StackproofCheck");
    if json {
        println!("{}", serde_json::to_string_pretty(&document)?);
        return Ok(super::exit::OK);
    }
    let mut actions: Vec<String> = COLLECTOR_OPERATIONS
        .iter()
        .map(|op| iam_action(op))
        .collect();
    actions.sort();
    actions.dedup();
    println!(
        "`stackproof check` sends read-only requests only: {} IAM actions, on every resource \
         (the stack's resources are known only once its outputs are read).",
        actions.len()
    );
    println!(
        "Attach this policy to the role your CI assumes (`--json` prints the document alone):\n"
    );
    println!("{}", serde_json::to_string_pretty(&document)?);
    Ok(super::exit::OK)
}
