//! What is compared, aspect by aspect. Keys read `kind/name/attribute` with names normalised;
//! values are text (lists sorted, so order does not count as drift).

use std::collections::BTreeMap;

use super::{Aspect, Normalizer};
use crate::context::{Context, SubnetTier};
use crate::inventory::{Inventory, SgRule};
use crate::policy;
use crate::profile::Profile;
use crate::words::W;

type Shapes = BTreeMap<String, String>;

/// The aspects, in id order.
pub(super) static ASPECTS: &[&Aspect] = &[
    &NETWORK,
    &SECURITY_GROUPS,
    &ECS,
    &LOAD_BALANCING,
    &DATABASES,
    &LOGS,
    &ENCRYPTION,
    &IAM,
    &PARAMETERS,
];

declare_aspect! {
/// Zones, subnet tiers, NAT gateways, endpoints, routes out of private subnets and
/// flow logs: a topology that differs between staging and production is a
/// deployment tested on a network it will not run on.
///
/// # Remediation
/// Deploy every environment from the same network template; put real differences in
/// the profile's `drift.allowed`.
    NETWORK {
        id: "DRIFT-001",
        title: "Network topology is the same in every environment",
        severity: High,
        shapes: network,
    }
}

declare_aspect! {
/// A rule added by hand in one environment is the classic drift: it works in
/// staging and the release fails (or is exposed) in production.
///
/// # Remediation
/// Make the rule part of the template, or remove it from the environment that has it.
    SECURITY_GROUPS {
        id: "DRIFT-002",
        title: "Security-group rules have the same shape in every environment",
        severity: High,
        shapes: security_groups,
    }
}

declare_aspect! {
/// Containers, ports, environment variable names, secret references, log
/// configuration, task size and placement: what runs must be what was tested.
/// Image tags and task counts differ by design (see the profile).
///
/// # Remediation
/// Register the same task definition shape everywhere; vary only what the profile allows.
    ECS {
        id: "DRIFT-003",
        title: "ECS services and task definitions match across environments",
        severity: High,
        shapes: ecs,
    }
}

declare_aspect! {
/// A listener or health check that exists in one environment only changes how
/// traffic reaches the service.
///
/// # Remediation
/// Align listeners, target groups and health checks with the template.
    LOAD_BALANCING {
        id: "DRIFT-004",
        title: "Load balancers, listeners and health checks match across environments",
        severity: Medium,
        shapes: load_balancing,
    }
}

declare_aspect! {
/// Engine, version, encryption, backups, deletion protection, authentication and
/// log exports must agree; instance class and count differ by design.
///
/// # Remediation
/// Modify the drifted cluster to the template's settings.
    DATABASES {
        id: "DRIFT-005",
        title: "Aurora settings match across environments",
        severity: High,
        shapes: databases,
    }
}

declare_aspect! {
/// Retention decides what evidence exists after an incident; it must not depend
/// on which environment had it.
///
/// # Remediation
/// `aws logs put-retention-policy` to the template's value.
    LOGS {
        id: "DRIFT-006",
        title: "Log retention and log encryption match across environments",
        severity: Medium,
        shapes: logs,
    }
}

declare_aspect! {
/// Bucket encryption, key rotation, customer keys for secrets and topics.
///
/// # Remediation
/// Apply the template's encryption settings to the drifted resources.
    ENCRYPTION {
        id: "DRIFT-007",
        title: "Encryption settings match across environments",
        severity: High,
        shapes: encryption,
    }
}

declare_aspect! {
/// A permission granted by hand in one environment hides the failure the others
/// will have, or a privilege they should not.
///
/// # Remediation
/// Manage role policies in the template only; remove the hand-made statement.
    IAM {
        id: "DRIFT-008",
        title: "IAM role policies have the same shape in every environment",
        severity: High,
        shapes: iam,
    }
}

declare_aspect! {
/// Shared and per-environment parameters must exist under the same names, or a
/// service reads a default in one environment and a setting in another.
///
/// # Remediation
/// Create the missing parameters (values may differ; names may not).
    PARAMETERS {
        id: "DRIFT-009",
        title: "SSM parameter hierarchies hold the same keys",
        severity: Medium,
        shapes: parameters,
    }
}

fn put(shapes: &mut Shapes, key: String, value: impl ToString) {
    shapes.insert(key, value.to_string());
}

fn sorted(items: impl IntoIterator<Item = String>) -> String {
    let mut items: Vec<String> = items.into_iter().collect();
    items.sort();
    items.dedup();
    items.join(", ")
}

fn network(inventory: &Inventory, _: &Normalizer) -> Shapes {
    let profile = Profile::default();
    let ctx = Context::new(inventory, &profile);
    let mut s = Shapes::new();
    let zones: std::collections::BTreeSet<&str> = inventory
        .subnets
        .iter()
        .map(|x| x.availability_zone.as_str())
        .collect();
    put(&mut s, "network/availability_zones".into(), zones.len());
    for tier in [SubnetTier::Public, SubnetTier::Private] {
        put(
            &mut s,
            format!("network/{}_subnets", tier.as_str()),
            ctx.subnets_in(tier).count(),
        );
        let routes = sorted(ctx.subnets_in(tier).map(|subnet| {
            let table = ctx.route_table_of(subnet);
            let default = table.and_then(|t| t.routes.iter().find(|r| r.is_default()));
            match default {
                Some(r) if r.targets_internet_gateway() => "internet gateway".to_string(),
                Some(r) if r.nat_gateway_id.is_some() => "NAT gateway".to_string(),
                Some(_) => "other".to_string(),
                None => "none".to_string(),
            }
        }));
        put(
            &mut s,
            format!("network/{}_default_route", tier.as_str()),
            routes,
        );
    }
    let nats = inventory
        .nat_gateways
        .iter()
        .filter(|n| n.state != "deleted")
        .count();
    put(&mut s, "network/nat_gateways".into(), nats);
    put(
        &mut s,
        "network/internet_gateways".into(),
        inventory.internet_gateways.len(),
    );
    for kind in ["Gateway", "Interface"] {
        let services = sorted(
            inventory
                .vpc_endpoints
                .iter()
                .filter(|e| e.endpoint_type == kind)
                .map(|e| e.short_service().to_string()),
        );
        put(
            &mut s,
            format!("network/{}_endpoints", kind.to_lowercase()),
            services,
        );
    }
    let flow = sorted(
        inventory
            .flow_logs
            .iter()
            .map(|f| format!("{} to {}", f.traffic_type, f.log_destination_type)),
    );
    put(&mut s, "network/flow_logs".into(), flow);
    s
}

fn rule_shape(rule: &SgRule, inventory: &Inventory, n: &Normalizer) -> String {
    let mut shape = rule.clone();
    if let Some(group) = &rule.group_id {
        let name = inventory
            .security_groups
            .iter()
            .find(|g| &g.id == group)
            .map_or_else(|| "(outside the stack)".to_string(), |g| n.name(&g.name));
        shape.group_id = Some(name);
    }
    if let Some(cidr) = &rule.cidr_ipv4 {
        let inside = inventory.vpcs.iter().any(|v| {
            let (Ok(vpc), Ok(block)) = (
                v.cidr_block.parse::<ipnet::Ipv4Net>(),
                cidr.parse::<ipnet::Ipv4Net>(),
            ) else {
                return false;
            };
            vpc.contains(&block)
        });
        if inside {
            shape.cidr_ipv4 = Some("(inside the VPC)".into());
        }
    }
    shape.description = None;
    shape.describe()
}

fn security_groups(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for group in &inventory.security_groups {
        let name = n.name(&group.name);
        put(
            &mut s,
            format!("security-group/{name}/ingress"),
            sorted(group.ingress.iter().map(|r| rule_shape(r, inventory, n))),
        );
        put(
            &mut s,
            format!("security-group/{name}/egress"),
            sorted(
                (group.egress.iter())
                    .filter(|r| !r.permits_nothing())
                    .map(|r| rule_shape(r, inventory, n)),
            ),
        );
    }
    s
}

fn ecs(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for service in &inventory.ecs_services {
        let name = n.name(&service.name);
        put(
            &mut s,
            format!("ecs-service/{name}/launch_type"),
            service.launch_type.clone().unwrap_or_default(),
        );
        put(
            &mut s,
            format!("ecs-service/{name}/platform_version"),
            service.platform_version.clone().unwrap_or_default(),
        );
        put(
            &mut s,
            format!("ecs-service/{name}/assign_public_ip"),
            format!("{}", W(&service.assign_public_ip)),
        );
        put(
            &mut s,
            format!("ecs-service/{name}/desired_count"),
            service.desired_count,
        );
        put(
            &mut s,
            format!("ecs-service/{name}/target_groups"),
            service.target_group_arns.len(),
        );
    }
    for task in &inventory.task_definitions {
        let family = n.name(&task.family);
        let key = |attribute: &str| format!("task-definition/{family}/{attribute}");
        put(&mut s, key("cpu"), task.cpu.clone().unwrap_or_default());
        put(
            &mut s,
            key("memory"),
            task.memory.clone().unwrap_or_default(),
        );
        put(
            &mut s,
            key("cpu_architecture"),
            task.cpu_architecture.clone().unwrap_or_default(),
        );
        put(
            &mut s,
            key("network_mode"),
            task.network_mode.clone().unwrap_or_default(),
        );
        put(
            &mut s,
            key("compatibilities"),
            sorted(task.requires_compatibilities.iter().cloned()),
        );
        put(
            &mut s,
            key("task_role"),
            task.task_role_arn
                .as_deref()
                .map(|r| n.name(r))
                .unwrap_or_default(),
        );
        put(
            &mut s,
            key("execution_role"),
            task.execution_role_arn
                .as_deref()
                .map(|r| n.name(r))
                .unwrap_or_default(),
        );
        for c in &task.containers {
            let container = n.name(&c.name);
            let key = |attribute: &str| format!("task-definition/{family}/{container}/{attribute}");
            let (repository, tag) = c.image.rsplit_once(':').unwrap_or((&c.image, ""));
            put(&mut s, key("image_repository"), n.name(repository));
            put(&mut s, key("image_tag"), tag);
            put(
                &mut s,
                key("ports"),
                sorted(c.port_mappings.iter().map(i32::to_string)),
            );
            put(
                &mut s,
                key("environment_keys"),
                sorted(c.environment.keys().cloned()),
            );
            put(
                &mut s,
                key("secrets"),
                sorted(
                    c.secrets
                        .iter()
                        .map(|(k, v)| format!("{k} ← {}", n.name(v))),
                ),
            );
            put(
                &mut s,
                key("log_driver"),
                c.log_driver.clone().unwrap_or_default(),
            );
            put(
                &mut s,
                key("log_options"),
                sorted(
                    c.log_options
                        .iter()
                        .map(|(k, v)| format!("{k}={}", n.name(v))),
                ),
            );
            put(&mut s, key("privileged"), format!("{}", W(&c.privileged)));
            put(
                &mut s,
                key("readonly_root_filesystem"),
                format!("{}", W(&c.readonly_root_filesystem)),
            );
        }
    }
    for cluster in &inventory.ecs_clusters {
        let name = n.name(&cluster.name);
        put(
            &mut s,
            format!("ecs-cluster/{name}/capacity_providers"),
            sorted(cluster.capacity_providers.iter().cloned()),
        );
        put(
            &mut s,
            format!("ecs-cluster/{name}/container_insights"),
            cluster.container_insights.clone().unwrap_or_default(),
        );
    }
    s
}

fn load_balancing(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for lb in &inventory.load_balancers {
        let name = n.name(&lb.name);
        put(&mut s, format!("load-balancer/{name}/scheme"), &lb.scheme);
        put(
            &mut s,
            format!("load-balancer/{name}/ip_address_type"),
            &lb.ip_address_type,
        );
        put(
            &mut s,
            format!("load-balancer/{name}/zones"),
            lb.availability_zones.len(),
        );
        for (key, value) in &lb.attributes {
            put(
                &mut s,
                format!("load-balancer/{name}/attributes/{key}"),
                n.name(value),
            );
        }
        let listeners = inventory
            .listeners
            .iter()
            .filter(|l| l.load_balancer_arn == lb.arn);
        put(
            &mut s,
            format!("load-balancer/{name}/listeners"),
            sorted(listeners.map(|l| {
                let actions: Vec<String> = l
                    .default_actions
                    .iter()
                    .map(|a| a.action_type.clone())
                    .collect();
                format!(
                    "{} {} → {} ({} rules)",
                    l.protocol,
                    l.port,
                    actions.join("+"),
                    l.rules.len()
                )
            })),
        );
    }
    for group in &inventory.target_groups {
        let name = n.name(&group.name);
        put(
            &mut s,
            format!("target-group/{name}/port"),
            format!("{} {}", W(&group.protocol), W(&group.port)),
        );
        put(
            &mut s,
            format!("target-group/{name}/target_type"),
            &group.target_type,
        );
        put(
            &mut s,
            format!("target-group/{name}/health_check"),
            format!("{}", W(&group.health_check)),
        );
    }
    s
}

fn databases(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for cluster in &inventory.db_clusters {
        let name = n.name(&cluster.id);
        let key = |attribute: &str| format!("db-cluster/{name}/{attribute}");
        put(
            &mut s,
            key("engine"),
            format!("{} {}", cluster.engine, cluster.engine_version),
        );
        put(&mut s, key("storage_encrypted"), cluster.storage_encrypted);
        put(&mut s, key("customer_key"), cluster.kms_key_id.is_some());
        put(
            &mut s,
            key("backup_retention_days"),
            format!("{}", W(&cluster.backup_retention_days)),
        );
        put(
            &mut s,
            key("deletion_protection"),
            cluster.deletion_protection,
        );
        put(
            &mut s,
            key("iam_database_authentication"),
            cluster.iam_database_authentication,
        );
        put(
            &mut s,
            key("log_exports"),
            sorted(cluster.cloudwatch_logs_exports.iter().cloned()),
        );
        put(&mut s, key("port"), format!("{}", W(&cluster.port)));
        put(&mut s, key("instances"), cluster.members.len());
        let classes = inventory
            .db_instances
            .iter()
            .filter(|i| i.cluster_id.as_deref() == Some(cluster.id.as_str()));
        put(
            &mut s,
            key("instance_class"),
            sorted(classes.map(|i| i.instance_class.clone())),
        );
    }
    s
}

fn logs(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for group in &inventory.log_groups {
        let name = n.name(&group.name);
        put(
            &mut s,
            format!("log-group/{name}/retention_days"),
            format!("{}", W(&group.retention_days)),
        );
        put(
            &mut s,
            format!("log-group/{name}/kms"),
            group.kms_key_id.is_some(),
        );
    }
    s
}

fn encryption(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for bucket in &inventory.buckets {
        let name = n.name(&bucket.name);
        put(
            &mut s,
            format!("s3-bucket/{name}/encryption"),
            bucket
                .encryption
                .as_ref()
                .map_or("none".into(), |e| e.algorithm.clone()),
        );
    }
    for key in inventory
        .kms_keys
        .iter()
        .filter(|k| k.is_customer_managed())
    {
        let name = key
            .aliases
            .first()
            .map_or_else(|| "(no alias)".to_string(), |a| n.name(a));
        put(
            &mut s,
            format!("kms-key/{name}/rotation"),
            format!("{}", W(&key.rotation_enabled)),
        );
    }
    for secret in &inventory.secrets {
        put(
            &mut s,
            format!("secret/{}/customer_key", n.name(&secret.name)),
            secret.kms_key_id.is_some(),
        );
    }
    for topic in &inventory.sns_topics {
        put(
            &mut s,
            format!("sns-topic/{}/kms", n.name(&topic.name)),
            topic.kms_master_key_id.is_some(),
        );
    }
    s
}

fn iam(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for role in &inventory.roles {
        let name = n.name(&role.name);
        let inline = role
            .inline_policies
            .iter()
            .flat_map(|p| policy::statements(&p.document));
        // An AWS-managed policy's document is AWS's (the same in every environment, unknown to
        // a template): `managed_policies` names it; its statements are not the stack's shape.
        let attached = role
            .attached_policies
            .iter()
            .filter(|p| !p.is_aws_managed())
            .filter_map(|p| p.document.as_ref())
            .flat_map(policy::statements);
        let statements = sorted(inline.chain(attached).map(|st| {
            format!(
                "{} {} on {}",
                if st.allow { "Allow" } else { "Deny" },
                sorted(st.actions.iter().cloned()),
                sorted(st.resources.iter().map(|r| n.name(r)))
            )
        }));
        put(&mut s, format!("iam-role/{name}/statements"), statements);
        put(
            &mut s,
            format!("iam-role/{name}/managed_policies"),
            sorted(role.attached_policies.iter().map(|p| n.name(&p.name))),
        );
        let trust = role
            .trust_policy
            .as_ref()
            .map(policy::statements)
            .unwrap_or_default();
        put(
            &mut s,
            format!("iam-role/{name}/trusted"),
            sorted(
                trust
                    .iter()
                    .flat_map(|st| st.principals.iter().map(|(_, p)| n.name(p))),
            ),
        );
    }
    s
}

fn parameters(inventory: &Inventory, n: &Normalizer) -> Shapes {
    let mut s = Shapes::new();
    for parameter in &inventory.ssm_parameters {
        put(
            &mut s,
            format!("ssm-parameter/{}/type", n.name(&parameter.name)),
            &parameter.parameter_type,
        );
    }
    s
}
