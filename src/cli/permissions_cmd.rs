//! `stackproof permissions`: the least-privilege IAM policy a command needs, derived from the
//! operations it can send (the tables the request counter and the request proxy are checked
//! against in tests).

use anyhow::Result;
use stackproof_collector::permissions::{COLLECTOR_OPERATIONS, DRIFT_OPERATIONS, policy};
use stackproof_provisioner::permissions::{PROVISIONER_EXTRA_ACTIONS, PROVISIONER_OPERATIONS};

#[derive(clap::Subcommand, Debug)]
pub enum PermissionsCommand {
    /// What `check` and `collect` need: read-only describe, get and list actions
    Check {
        /// Print only the policy document (JSON), ready for `aws iam put-role-policy`
        #[arg(long)]
        json: bool,
    },
    /// What `drift` needs: the `check` policy's reads, and `sns:Publish` for `--notify-sns`
    Drift {
        /// Print only the policy document (JSON), ready for `aws iam put-role-policy`
        #[arg(long)]
        json: bool,
    },
    /// What `provision` and `destroy` need: creating, tagging and deleting the scenarios'
    /// resources (`run` needs this policy and the `check` one)
    Provision {
        /// Print only the policy document (JSON), ready for `aws iam put-role-policy`
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: PermissionsCommand) -> Result<u8> {
    let (json, document, about, extra) = match command {
        PermissionsCommand::Check { json } => (
            json,
            policy(COLLECTOR_OPERATIONS, &[], "StackproofCheck"),
            "`stackproof check` sends read-only requests only",
            &[][..],
        ),
        PermissionsCommand::Drift { json } => (
            json,
            policy(COLLECTOR_OPERATIONS, DRIFT_OPERATIONS, "StackproofDrift"),
            "`stackproof drift` sends the read-only requests of `check`, and publishes its \
             summary to an SNS topic when asked (`--notify-sns`)",
            &[][..],
        ),
        PermissionsCommand::Provision { json } => {
            let extra: Vec<&str> = PROVISIONER_EXTRA_ACTIONS.iter().map(|(a, _)| *a).collect();
            (
                json,
                policy(PROVISIONER_OPERATIONS, &extra, "StackproofProvision"),
                "`stackproof provision` and `destroy` create, tag and delete the scenarios' \
                 resources (use a sandbox account; `run` needs this policy and `permissions check`)",
                PROVISIONER_EXTRA_ACTIONS,
            )
        }
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&document)?);
        return Ok(super::exit::OK);
    }
    let count = document["Statement"][0]["Action"]
        .as_array()
        .map_or(0, Vec::len);
    println!(
        "{about}: {count} IAM actions, on every resource (a stack's resources are known only \
         once its outputs are read or its resources made)."
    );
    if !extra.is_empty() {
        println!("Besides each request's own action, AWS checks:");
        for (action, why) in extra {
            println!("  {action}: {why}");
        }
    }
    println!(
        "Attach this policy to the role your CI assumes (`--json` prints the document alone):\n"
    );
    println!("{}", serde_json::to_string_pretty(&document)?);
    Ok(super::exit::OK)
}
