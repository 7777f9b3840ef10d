//! ECS: clusters, their services, and the services' task definitions.

use std::collections::BTreeSet;

use aws_sdk_ecs::types::{ClusterField, ContainerDefinition, LogDriver};
use futures::future::join_all;
use stackproof_checks::inventory::{
    Container, EcsCluster, EcsService, FetchErrors, MissingResource, StrategyItem, TaskDefinition,
};

use super::{tags, text};
use crate::clients::Clients;
use crate::failure::fetch_error;

#[derive(Debug, Default)]
pub struct Compute {
    pub clusters: Vec<EcsCluster>,
    pub services: Vec<EcsService>,
    pub task_definitions: Vec<TaskDefinition>,
    pub missing: Vec<MissingResource>,
}

/// The services `describe_services` accepts per call.
const SERVICES_PER_CALL: usize = 10;

/// Collects the named clusters (names or ARNs), all their services and the task definitions
/// those services run.
pub async fn collect(clients: &Clients, cluster_refs: &BTreeSet<String>) -> Compute {
    let mut compute = Compute::default();
    if cluster_refs.is_empty() {
        return compute;
    }
    let ecs = &clients.ecs;
    // The services of each named cluster are listed while the clusters are described: a
    // listing needs only the name or ARN the outputs give.
    let (described, listings) = tokio::join!(
        ecs.describe_clusters()
            .set_clusters(Some(cluster_refs.iter().cloned().collect()))
            .include(ClusterField::Settings)
            .include(ClusterField::Tags)
            .send(),
        join_all(cluster_refs.iter().map(|reference| async move {
            (reference.as_str(), list_services(ecs, reference).await)
        })),
    );
    let output = match described {
        Ok(output) => output,
        Err(error) => {
            let error = fetch_error("ecs:DescribeClusters", &error);
            compute.clusters = cluster_refs
                .iter()
                .map(|name| failed_cluster(name, &error))
                .collect();
            return compute;
        }
    };
    for failure in output.failures() {
        compute.missing.push(MissingResource {
            kind: "ecs-cluster".into(),
            id: text(failure.arn()),
            output_key: None,
            operation: "ecs:DescribeClusters".into(),
        });
    }
    // The same cluster may be named twice (by name and by ARN): describe it once.
    let mut seen = BTreeSet::new();
    let active = output
        .clusters()
        .iter()
        .filter(|c| c.status() != Some("INACTIVE"));
    for cluster in active.filter(|c| seen.insert(c.cluster_arn().unwrap_or_default().to_string())) {
        compute.clusters.push(EcsCluster {
            name: text(cluster.cluster_name()),
            arn: text(cluster.cluster_arn()),
            capacity_providers: cluster.capacity_providers().to_vec(),
            default_strategy: cluster
                .default_capacity_provider_strategy()
                .iter()
                .map(|s| StrategyItem {
                    capacity_provider: s.capacity_provider().to_string(),
                    weight: s.weight(),
                    base: s.base(),
                })
                .collect(),
            container_insights: cluster
                .settings()
                .iter()
                .find(|s| s.name().map(|n| n.as_str()) == Some("containerInsights"))
                .and_then(|s| s.value().map(str::to_string)),
            tags: tags(cluster.tags().iter().map(|t| (t.key(), t.value()))),
            errors: FetchErrors::new(),
        });
    }
    let mut listings: Vec<(&str, Option<Listing>)> = (listings.into_iter())
        .map(|(reference, listed)| (reference, Some(listed)))
        .collect();
    let services = join_all(compute.clusters.iter_mut().map(|cluster| {
        // The listing of the first reference naming this cluster (by name or ARN).
        let listed = (listings.iter_mut())
            .find(|(reference, _)| *reference == cluster.name || *reference == cluster.arn)
            .and_then(|(_, listed)| listed.take());
        services_of(clients, cluster, listed)
    }))
    .await;
    compute.services = services.into_iter().flatten().collect();
    let definitions: BTreeSet<&str> = compute
        .services
        .iter()
        .map(|s| s.task_definition_arn.as_str())
        .filter(|arn| !arn.is_empty())
        .collect();
    compute.task_definitions = join_all(
        definitions
            .into_iter()
            .map(|arn| task_definition(clients, arn)),
    )
    .await;
    compute
}

fn failed_cluster(name: &str, error: &stackproof_checks::inventory::FetchError) -> EcsCluster {
    EcsCluster {
        name: name.rsplit('/').next().unwrap_or(name).to_string(),
        errors: [("*".to_string(), error.clone())].into(),
        ..EcsCluster::default()
    }
}

async fn list_services(ecs: &aws_sdk_ecs::Client, cluster: &str) -> Listing {
    (ecs.list_services()
        .cluster(cluster)
        .into_paginator()
        .items()
        .send())
    .collect()
    .await
}

/// A cluster's service ARNs, or why they could not be listed.
type Listing = Result<
    Vec<String>,
    aws_sdk_ecs::error::SdkError<aws_sdk_ecs::operation::list_services::ListServicesError>,
>;

/// The services of `cluster`, from the listing made while it was described (listed now when no
/// reference of the outputs matched it).
async fn services_of(
    clients: &Clients,
    cluster: &mut EcsCluster,
    listed: Option<Listing>,
) -> Vec<EcsService> {
    let ecs = &clients.ecs;
    let listed = match listed {
        Some(listed) => listed,
        None => list_services(ecs, &cluster.arn).await,
    };
    let arns = match listed {
        Ok(arns) => arns,
        Err(error) => {
            cluster
                .errors
                .insert("services".into(), fetch_error("ecs:ListServices", &error));
            return Vec::new();
        }
    };
    let described = join_all(arns.chunks(SERVICES_PER_CALL).map(|batch| {
        ecs.describe_services()
            .include(aws_sdk_ecs::types::ServiceField::Tags)
            .cluster(&cluster.arn)
            .set_services(Some(batch.to_vec()))
            .send()
    }))
    .await;
    let mut services = Vec::new();
    for result in described {
        match result {
            Ok(output) => services.extend(output.services().iter().map(service)),
            Err(error) => {
                cluster.errors.insert(
                    "services".into(),
                    fetch_error("ecs:DescribeServices", &error),
                );
            }
        }
    }
    services
}

fn service(s: &aws_sdk_ecs::types::Service) -> EcsService {
    let network = s
        .network_configuration()
        .and_then(|n| n.awsvpc_configuration());
    EcsService {
        name: text(s.service_name()),
        arn: text(s.service_arn()),
        cluster_arn: text(s.cluster_arn()),
        task_definition_arn: text(s.task_definition()),
        desired_count: s.desired_count(),
        launch_type: s.launch_type().map(|l| l.as_str().to_string()),
        capacity_provider_strategy: s
            .capacity_provider_strategy()
            .iter()
            .map(|i| StrategyItem {
                capacity_provider: i.capacity_provider().to_string(),
                weight: i.weight(),
                base: i.base(),
            })
            .collect(),
        platform_version: s.platform_version().map(str::to_string),
        platform_family: s.platform_family().map(str::to_string),
        assign_public_ip: network
            .and_then(|n| n.assign_public_ip())
            .map(|a| a.as_str() == "ENABLED"),
        subnet_ids: network.map(|n| n.subnets().to_vec()).unwrap_or_default(),
        security_group_ids: network
            .map(|n| n.security_groups().to_vec())
            .unwrap_or_default(),
        target_group_arns: s
            .load_balancers()
            .iter()
            .filter_map(|l| l.target_group_arn().map(str::to_string))
            .collect(),
        health_check_grace_period_seconds: s.health_check_grace_period_seconds(),
        registry_arns: s
            .service_registries()
            .iter()
            .filter_map(|r| r.registry_arn().map(str::to_string))
            .collect(),
        tags: tags(s.tags().iter().map(|t| (t.key(), t.value()))),
        errors: FetchErrors::new(),
    }
}

async fn task_definition(clients: &Clients, arn: &str) -> TaskDefinition {
    let output = clients
        .ecs
        .describe_task_definition()
        .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
        .task_definition(arn)
        .send()
        .await;
    let definition = match output.as_ref().map(|o| o.task_definition()) {
        Ok(Some(definition)) => definition,
        Ok(None) => {
            return TaskDefinition {
                arn: arn.to_string(),
                ..TaskDefinition::default()
            };
        }
        Err(error) => {
            let error = fetch_error("ecs:DescribeTaskDefinition", error);
            return TaskDefinition {
                arn: arn.to_string(),
                errors: [("*".to_string(), error)].into(),
                ..TaskDefinition::default()
            };
        }
    };
    TaskDefinition {
        arn: text(definition.task_definition_arn()),
        family: text(definition.family()),
        revision: definition.revision(),
        cpu: definition.cpu().map(str::to_string),
        memory: definition.memory().map(str::to_string),
        network_mode: definition.network_mode().map(|m| m.as_str().to_string()),
        requires_compatibilities: definition
            .requires_compatibilities()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        cpu_architecture: definition
            .runtime_platform()
            .and_then(|p| p.cpu_architecture())
            .map(|a| a.as_str().to_string()),
        task_role_arn: definition.task_role_arn().map(str::to_string),
        execution_role_arn: definition.execution_role_arn().map(str::to_string),
        containers: definition
            .container_definitions()
            .iter()
            .map(container)
            .collect(),
        tags: output
            .as_ref()
            .map(|o| tags(o.tags().iter().map(|t| (t.key(), t.value()))))
            .unwrap_or_default(),
        errors: FetchErrors::new(),
    }
}

fn container(c: &ContainerDefinition) -> Container {
    let logs = c.log_configuration();
    Container {
        name: text(c.name()),
        image: text(c.image()),
        essential: c.essential(),
        privileged: c.privileged(),
        readonly_root_filesystem: c.readonly_root_filesystem(),
        environment: c
            .environment()
            .iter()
            .filter_map(|kv| Some((kv.name()?.to_string(), text(kv.value()))))
            .collect(),
        secrets: c
            .secrets()
            .iter()
            .map(|s| (s.name().to_string(), s.value_from().to_string()))
            .collect(),
        log_driver: logs.map(|l| l.log_driver().as_str().to_string()),
        log_options: logs
            .and_then(|l| l.options())
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        port_mappings: c
            .port_mappings()
            .iter()
            .filter_map(|p| p.container_port())
            .collect(),
    }
}

/// The awslogs groups the task definitions write to.
pub fn awslogs_groups(definitions: &[TaskDefinition]) -> BTreeSet<String> {
    definitions
        .iter()
        .flat_map(|d| &d.containers)
        .filter(|c| c.log_driver.as_deref() == Some(LogDriver::Awslogs.as_str()))
        .filter_map(|c| c.log_options.get("awslogs-group").cloned())
        .collect()
}
