//! ECS: task definitions, services and clusters — isolation, secrets, logging, sizing, placement.

pub mod ecs_001_task_cpu_architecture;
pub mod ecs_002_no_public_ip;
pub mod ecs_003_no_privileged_containers;
pub mod ecs_004_read_only_root_filesystem;
pub mod ecs_005_no_secret_names_in_environment;
pub mod ecs_006_no_credentials_in_environment_values;
pub mod ecs_007_awslogs_driver;
pub mod ecs_008_awslogs_stream_prefix;
pub mod ecs_009_log_group_exists;
pub mod ecs_010_task_log_group_retention;
pub mod ecs_011_container_insights;
pub mod ecs_012_execution_role_not_task_role;
pub mod ecs_013_fargate_platform_latest;
pub mod ecs_014_capacity_providers;
pub mod ecs_015_default_strategy_weights;
pub mod ecs_016_service_strategy_weights;
pub mod ecs_017_task_size_as_profiled;
pub mod ecs_018_task_minimum_size;
pub mod ecs_019_services_in_private_subnets;
pub mod ecs_020_health_check_grace_period;
pub mod ecs_021_awsvpc_network_mode;
pub mod ecs_022_secrets_from_managed_stores;
pub mod ecs_023_referenced_secrets_exist;
pub mod ecs_024_execution_role_reads_secrets;
pub mod ecs_025_image_tag_policy;
pub mod ecs_026_images_from_stack_ecr;
pub mod ecs_027_min_desired_count;
pub mod ecs_028_fargate_compatible;
pub mod ecs_029_distinct_task_roles;
pub mod ecs_030_target_groups_on_stack_listener;
pub mod ecs_031_target_group_port_matches_container;
pub mod ecs_032_ip_target_groups_for_awsvpc;
pub mod ecs_033_execution_role_pulls_ecr;

use crate::context::Context;
use crate::inventory::{Container, Resource};
use crate::result::{Evidence, Finding};
use crate::words::W;

/// One finding per task definition: `offends` lists what each container does wrong (a
/// container name, or `NAME ← source` for secrets); the task passes when nothing does.
pub(crate) fn judge_containers(
    ctx: &Context,
    attribute: &str,
    expected: &str,
    problem: &str,
    offends: impl Fn(&Container) -> Vec<String>,
) -> Vec<Finding> {
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let offending: Vec<String> = task.containers.iter().flat_map(&offends).collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            expected,
            format!("{problem}: {offending}", offending = W(&offending)),
        )
        .with(Evidence::new(
            attribute,
            &offending,
            expected,
            super::op::ECS_TASK_DEFINITION,
        ))
    })
}

/// Whose a resource a container refers to is.
pub(crate) enum Ownership {
    Missing,
    Own,
    Foreign,
    /// No output names it and the environment suffix is unknown.
    Unknown,
}

impl Ownership {
    /// From a lookup (`None`: the resource does not exist) and [`Context::is_stacks_own`].
    pub(crate) fn of(exists: bool, own: Option<bool>) -> Self {
        match (exists, own) {
            (false, _) => Self::Missing,
            (true, Some(true)) => Self::Own,
            (true, Some(false)) => Self::Foreign,
            (true, None) => Self::Unknown,
        }
    }
}

/// Judges per task definition what its containers refer to (`refers` gives, per container, a
/// label and whose the resource is): a missing one (`absent` says how) or a foreign one fails, an
/// unknown one is an error.
pub(crate) fn judge_references(
    ctx: &Context,
    attribute: &str,
    (what, absent): (&str, &str),
    refers: impl Fn(&Container) -> Vec<(String, Ownership)>,
) -> Vec<Finding> {
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let (mut missing, mut foreign, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
        for (label, ownership) in task.containers.iter().flat_map(&refers) {
            match ownership {
                Ownership::Missing => missing.push(label),
                Ownership::Foreign => foreign.push(label),
                Ownership::Unknown => unknown.push(label),
                Ownership::Own => {}
            }
        }
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("{what} {absent}: {}", W(&missing)));
        }
        if !foreign.is_empty() {
            problems.push(format!(
                "{what} from outside the stack (no output names them, their names lack the suffix): {}",
                W(&foreign)
            ));
        }
        let evidence = Evidence::new(
            attribute,
            [&missing[..], &foreign[..], &unknown[..]].concat(),
            format!("{what} of the stack"),
            super::op::ECS_TASK_DEFINITION,
        );
        let finding = if !problems.is_empty() {
            Finding::fail(task.reference(), problems.join("; "))
        } else if !unknown.is_empty() {
            Finding::ownership_unknown(task.reference(), format!("{what} {}", W(&unknown)))
        } else {
            Finding::pass(task.reference(), format!("{what} of the stack"))
        };
        finding.with(evidence)
    })
}

/// The container's name when `bad`, for [`judge_containers`].
pub(crate) fn named_if(container: &Container, bad: bool) -> Vec<String> {
    if bad {
        vec![container.name.clone()]
    } else {
        Vec::new()
    }
}

pub(crate) use crate::inventory::{looks_like_credential, looks_like_secret_name};

/// A capacity provider strategy as provider → weight.
pub(crate) fn weights(
    strategy: &[crate::inventory::StrategyItem],
) -> std::collections::BTreeMap<String, i32> {
    strategy
        .iter()
        .map(|item| (item.capacity_provider.clone(), item.weight))
        .collect()
}

/// Whether `value_from` names a Secrets Manager secret or an SSM parameter.
pub(crate) fn is_secret_store_arn(value_from: &str) -> bool {
    let mut parts = value_from.split(':');
    let service = (parts.next(), parts.next(), parts.next());
    match service {
        (Some("arn"), Some(_), Some("secretsmanager")) => value_from.contains(":secret:"),
        (Some("arn"), Some(_), Some("ssm")) => value_from.contains(":parameter/"),
        // A bare parameter name in the task's own region.
        _ => value_from.starts_with('/') || !value_from.contains(':'),
    }
}

/// The SSM parameter a `valueFrom` names (an ARN `…:parameter/name`, or the name itself).
pub(crate) fn parameter_name(value_from: &str) -> &str {
    value_from
        .split_once(":parameter")
        .map_or(value_from, |(_, name)| name)
}

/// The tag of an image reference (`repo/app:v1` → `v1`); `None` for digests and untagged images.
pub(crate) fn image_tag(image: &str) -> Option<&str> {
    if image.contains('@') {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':').map(|(_, tag)| tag)
}

/// The repository ARN of an ECR image URI
/// (`123.dkr.ecr.us-east-1.amazonaws.com/app:v1` → `arn:aws:ecr:us-east-1:123:repository/app`).
pub(crate) fn ecr_repository_arn(image: &str) -> Option<String> {
    let (host, path) = image.split_once('/')?;
    let mut labels = host.split('.');
    let account = labels.next()?;
    let (Some("dkr"), Some("ecr"), Some(region)) = (labels.next(), labels.next(), labels.next())
    else {
        return None;
    };
    let repository = path.split([':', '@']).next()?;
    Some(format!(
        "arn:aws:ecr:{region}:{account}:repository/{repository}"
    ))
}

/// Judges a task definition's execution role: `fail` without one in the stack, `error` when a
/// policy document is missing, else whether it is granted every (action, resource) wanted.
pub(crate) fn judge_execution_role(
    ctx: &Context,
    task: &crate::inventory::TaskDefinition,
    wanted: &[(&str, String)],
    granted: &str,
) -> Finding {
    use super::iam::role_allows;
    let role = task
        .execution_role_arn
        .as_deref()
        .and_then(|arn| ctx.role(arn));
    let Some(role) = role else {
        return Finding::fail(task.reference(), "no execution role of the stack").with(
            Evidence::new(
                "execution_role_arn",
                &task.execution_role_arn,
                "a role of the stack",
                super::op::ECS_TASK_DEFINITION,
            ),
        );
    };
    let mut denied = Vec::new();
    for (action, resource) in wanted {
        match role_allows(role, action, resource) {
            None => {
                return Finding::new(
                    task.reference(),
                    crate::result::Status::Error,
                    format!("a policy document of {} was not collected", role.name),
                );
            }
            Some(false) => denied.push(format!("{action} on {resource}")),
            Some(true) => {}
        }
    }
    Finding::verdict(
        task.reference(),
        denied.is_empty(),
        format!("{} {granted}", role.name),
        format!("{} lacks {denied}", role.name, denied = W(&denied)),
    )
    .with(Evidence::new(
        "execution role policies",
        &denied,
        granted,
        super::op::IAM_POLICIES,
    ))
}
