//! IAM: wildcard analysis of the stack's role policies, managed admin policies, trust policies.

pub mod iam_001_no_full_wildcard_action;
pub mod iam_002_no_service_wildcard_on_all_resources;
pub mod iam_003_no_not_action_or_not_resource;
pub mod iam_004_wildcard_resources_only_for_allowed_actions;
pub mod iam_005_no_pass_role_on_all;
pub mod iam_006_no_aws_admin_policies;
pub mod iam_007_trust_only_expected_services;
pub mod iam_008_no_decrypt_on_all_keys;
pub mod iam_009_task_roles_reach_only_stack_buckets;
pub mod iam_010_task_roles_reach_only_stack_keys;
pub mod iam_011_trust_no_wildcard_principal;

use crate::inventory::{Resource, Role};
use crate::policy::{self, Statement};
use crate::result::{Evidence, Finding, Status};
use crate::words::W;

/// The role's own policy documents (inline and customer-managed), as (label, statements); an
/// `error` finding when one of them could not be read.
fn customer_statements(role: &Role) -> Result<Vec<(String, Statement)>, Finding> {
    let mut labelled = Vec::new();
    let inline = role
        .inline_policies
        .iter()
        .map(|p| (format!("inline:{}", p.name), Some(&p.document)));
    let attached = role
        .attached_policies
        .iter()
        .filter(|p| !p.is_aws_managed())
        .map(|p| (format!("managed:{}", p.name), p.document.as_ref()));
    for (label, document) in inline.chain(attached) {
        let Some(document) = document else {
            return Err(Finding::new(
                role.reference(),
                crate::result::Status::Error,
                format!("policy document of {label} was not collected"),
            ));
        };
        if let Some(problem) = policy::parse_error(document) {
            return Err(Finding::new(
                role.reference(),
                crate::result::Status::Error,
                format!("policy {label} cannot be read: {problem}"),
            ));
        }
        labelled.extend(
            policy::statements(document)
                .into_iter()
                .map(|statement| (label.clone(), statement)),
        );
    }
    Ok(labelled)
}

/// One finding per role: the allow statements for which `offends` says why they offend.
fn judge_statements(
    role: &Role,
    what: &str,
    expected: &str,
    offends: impl Fn(&Statement) -> Option<String>,
) -> Finding {
    let statements = match customer_statements(role) {
        Ok(statements) => statements,
        Err(error) => return error,
    };
    let offending: Vec<String> = statements
        .iter()
        .filter(|(_, s)| s.allow)
        .filter_map(|(label, s)| {
            offends(s).map(|why| {
                format!(
                    "{label}{}: {why}",
                    s.sid
                        .as_ref()
                        .map(|sid| format!(" [{sid}]"))
                        .unwrap_or_default()
                )
            })
        })
        .collect();
    Finding::verdict(
        role.reference(),
        offending.is_empty(),
        format!("no {what}"),
        format!("{what}: {offending}", offending = W(&offending)),
    )
    .with(Evidence::new(
        "policies[].Statement",
        &offending,
        expected,
        super::op::IAM_POLICIES,
    ))
}

/// Whether an Allow statement of the role (inline, customer- or AWS-managed) grants `action` on
/// `resource`; `None` when one of its documents was not collected. Deny statements and
/// conditions are not evaluated: this answers "is it granted at all".
pub(crate) fn role_allows(role: &Role, action: &str, resource: &str) -> Option<bool> {
    let inline = role.inline_policies.iter().map(|p| Some(&p.document));
    let attached = role.attached_policies.iter().map(|p| p.document.as_ref());
    let mut granted = false;
    for document in inline.chain(attached) {
        granted |= policy::statements(document?).iter().any(|s| {
            s.allow
                && s.actions.iter().any(|a| policy::action_matches(a, action))
                && s.resources
                    .iter()
                    .any(|r| policy::action_matches(r, resource))
        });
    }
    Some(granted)
}

/// One finding per task role: Allow statements granting `service` actions on resources (of that
/// service, or `*`) the stack does not own fail it; `owned` answers `None` when whose a resource
/// is cannot be told, which makes an otherwise passing role an `error`.
pub(crate) fn task_roles_reach_only_owned(
    ctx: &crate::context::Context,
    service: &str,
    owned: impl Fn(&str) -> Option<bool>,
) -> Vec<Finding> {
    let task_roles =
        (ctx.inventory.roles().iter()).filter(|r| !ctx.tasks_with_task_role(&r.arn).is_empty());
    let prefix = format!("{service}:");
    let arn_prefix = format!("arn:aws:{service}:");
    let reached = |s: &Statement, whose: Option<bool>| -> Vec<String> {
        let grants =
            (s.actions.iter()).any(|a| a == "*" || a.to_ascii_lowercase().starts_with(&prefix));
        (s.resources.iter())
            .filter(|r| grants && (r.as_str() == "*" || r.starts_with(&arn_prefix)))
            .filter(|r| {
                (if r.as_str() == "*" {
                    Some(false)
                } else {
                    owned(r)
                }) == whose
            })
            .cloned()
            .collect()
    };
    ctx.each(
        task_roles,
        &["inline_policies", "attached_policies"],
        |role| {
            let finding = judge_statements(
                role,
                &format!("{service} access outside the stack"),
                &format!("only the stack's own {service} resources"),
                |s| {
                    let foreign = reached(s, Some(false));
                    (!foreign.is_empty())
                        .then(|| format!("{service} on {foreign}", foreign = W(&foreign)))
                },
            );
            let unknown: Vec<String> = match customer_statements(role) {
                Ok(statements) if finding.status == Status::Pass => (statements.iter())
                    .filter(|(_, s)| s.allow)
                    .flat_map(|(_, s)| reached(s, None))
                    .collect(),
                _ => Vec::new(),
            };
            if unknown.is_empty() {
                return finding;
            }
            Finding::ownership_unknown(role.reference(), W(&unknown))
        },
    )
}
