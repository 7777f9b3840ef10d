//! ECS clusters, services and task definitions; Application Auto Scaling targets and policies.

use stackproof_checks::inventory::{
    Container, EcsCluster, EcsService, Resource, ScalableTarget, ScalingPolicy, StrategyItem,
    TaskDefinition,
};

use crate::build::{Builder, Res};
use crate::props::Props;

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::ECS::Cluster" => {
            let insights = (p.children("ClusterSettings").iter())
                .find(|s| s.text("Name").as_deref() == Some("containerInsights"))
                .and_then(|s| s.text("Value"));
            b.push(
                r,
                |i| &mut i.ecs_clusters,
                EcsCluster {
                    name: r.name.clone(),
                    arn: r.arn.clone(),
                    capacity_providers: p.texts("CapacityProviders"),
                    default_strategy: strategy(p, "DefaultCapacityProviderStrategy"),
                    container_insights: insights,
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::ECS::Service" => {
            let network = p
                .child("NetworkConfiguration")
                .and_then(|n| n.child("AwsvpcConfiguration"));
            let strategy = strategy(p, "CapacityProviderStrategy");
            b.push(
                r,
                |i| &mut i.ecs_services,
                EcsService {
                    name: r.name.clone(),
                    arn: r.arn.clone(),
                    cluster_arn: p.text("Cluster").unwrap_or_else(|| "default".into()),
                    task_definition_arn: p.text("TaskDefinition").unwrap_or_default(),
                    // CloudFormation's default desired count is 1.
                    desired_count: p.i32("DesiredCount").unwrap_or(1),
                    launch_type: p
                        .text("LaunchType")
                        .or_else(|| strategy.is_empty().then(|| "EC2".into())),
                    capacity_provider_strategy: strategy,
                    platform_version: p.text("PlatformVersion"),
                    assign_public_ip: network
                        .map(|n| n.text("AssignPublicIp").as_deref() == Some("ENABLED")),
                    subnet_ids: network.map(|n| n.texts("Subnets")).unwrap_or_default(),
                    security_group_ids: network
                        .map(|n| n.texts("SecurityGroups"))
                        .unwrap_or_default(),
                    target_group_arns: (p.children("LoadBalancers").iter())
                        .filter_map(|l| l.text("TargetGroupArn"))
                        .collect(),
                    health_check_grace_period_seconds: p.i32("HealthCheckGracePeriodSeconds"),
                    registry_arns: (p.children("ServiceRegistries").iter())
                        .filter_map(|s| s.text("RegistryArn"))
                        .collect(),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::ECS::TaskDefinition" => b.push(
            r,
            |i| &mut i.task_definitions,
            TaskDefinition {
                arn: r.id.clone(),
                family: r.name.clone(),
                revision: 1,
                cpu: p.text("Cpu"),
                memory: p.text("Memory"),
                network_mode: p.text("NetworkMode").or_else(|| Some("bridge".into())),
                requires_compatibilities: p.texts("RequiresCompatibilities"),
                cpu_architecture: p
                    .child("RuntimePlatform")
                    .and_then(|rp| rp.text("CpuArchitecture"))
                    .or_else(|| Some("X86_64".into())),
                task_role_arn: p.text("TaskRoleArn"),
                execution_role_arn: p.text("ExecutionRoleArn"),
                containers: p
                    .children("ContainerDefinitions")
                    .iter()
                    .map(container)
                    .collect(),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::ApplicationAutoScaling::ScalableTarget" => b.push(
            r,
            |i| &mut i.scalable_targets,
            ScalableTarget {
                resource_id: p.text("ResourceId").unwrap_or_default(),
                scalable_dimension: p.text("ScalableDimension").unwrap_or_default(),
                min_capacity: p.i32("MinCapacity"),
                max_capacity: p.i32("MaxCapacity"),
                ..Default::default()
            },
        ),
        _ => {}
    }
}

fn strategy(p: &Props, key: &str) -> Vec<StrategyItem> {
    (p.children(key).iter())
        .map(|s| StrategyItem {
            capacity_provider: s.text("CapacityProvider").unwrap_or_default(),
            weight: s.i32("Weight").unwrap_or(0),
            base: s.i32("Base").unwrap_or(0),
        })
        .collect()
}

fn container(c: &Props) -> Container {
    let pairs = |key: &str, value: &str| {
        (c.children(key).iter())
            .filter_map(|e| Some((e.text("Name")?, e.text(value).unwrap_or_default())))
            .collect()
    };
    let log = c.child("LogConfiguration");
    Container {
        name: c.text("Name").unwrap_or_default(),
        image: c.text("Image").unwrap_or_default(),
        essential: c.flag("Essential"),
        privileged: c.flag("Privileged"),
        readonly_root_filesystem: c.flag("ReadonlyRootFilesystem"),
        environment: pairs("Environment", "Value"),
        secrets: pairs("Secrets", "ValueFrom"),
        log_driver: log.and_then(|l| l.text("LogDriver")),
        log_options: log
            .and_then(|l| l.child("Options"))
            .map(|o| {
                (o.keys().into_iter())
                    .filter_map(|k| Some((k.clone(), o.text(&k)?)))
                    .collect()
            })
            .unwrap_or_default(),
        port_mappings: (c.children("PortMappings").iter())
            .filter_map(|m| m.i32("ContainerPort"))
            .collect(),
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::ECS::ClusterCapacityProviderAssociations" => {
            let cluster = p.text("Cluster").unwrap_or_default();
            let providers = p.texts("CapacityProviders");
            let default = strategy(p, "DefaultCapacityProviderStrategy");
            if let Some(c) = (b.inventory.ecs_clusters.iter_mut())
                .find(|c| c.name == cluster || c.arn == cluster)
            {
                c.capacity_providers.extend(providers);
                c.default_strategy = default;
                let name = c.name.clone();
                b.part(EcsCluster::KIND, &name, r.logical);
            }
        }
        "AWS::ApplicationAutoScaling::ScalingPolicy" => {
            let target_id = p.text("ScalingTargetId");
            // ScalingTargetId is the target's Ref: find it by where it came from.
            let target = target_id.and_then(|id| {
                let origin = |t: &&ScalableTarget| {
                    b.origins
                        .get(&t.reference())
                        .is_some_and(|logical| *logical == id)
                };
                b.inventory.scalable_targets.iter().find(origin)
            });
            let resource_id = p
                .text("ResourceId")
                .or_else(|| target.map(|t| t.resource_id.clone()))
                .unwrap_or_default();
            let tracking = p.child("TargetTrackingScalingPolicyConfiguration");
            b.push(
                r,
                |i| &mut i.scaling_policies,
                ScalingPolicy {
                    name: r.name.clone(),
                    arn: r.arn.clone(),
                    resource_id,
                    policy_type: p.text("PolicyType").unwrap_or_default(),
                    target_value: tracking.and_then(|t| t.float("TargetValue")),
                    predefined_metric: tracking
                        .and_then(|t| t.child("PredefinedMetricSpecification"))
                        .and_then(|m| m.text("PredefinedMetricType")),
                    ..Default::default()
                },
            )
        }
        _ => {}
    }
}

/// Services name their cluster and task definition by name or ARN; the inventory links by
/// ARN.
pub fn link(b: &mut Builder) {
    let inventory = &mut b.inventory;
    for service in &mut inventory.ecs_services {
        if let Some(c) = (inventory.ecs_clusters.iter())
            .find(|c| c.name == service.cluster_arn || c.arn == service.cluster_arn)
        {
            service.cluster_arn = c.arn.clone();
        }
        if let Some(t) = (inventory.task_definitions.iter()).find(|t| {
            t.family == service.task_definition_arn || t.arn == service.task_definition_arn
        }) {
            service.task_definition_arn = t.arn.clone();
        }
    }
    for task in &mut inventory.task_definitions {
        for role in [&mut task.task_role_arn, &mut task.execution_role_arn]
            .into_iter()
            .flatten()
        {
            if let Some(found) = inventory.roles.iter().find(|r| r.name == *role) {
                *role = found.arn.clone();
            }
        }
    }
}
