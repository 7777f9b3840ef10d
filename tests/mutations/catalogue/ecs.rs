//! ECS mutations: new task definition revisions (container or task settings) and service,
//! cluster and scaling changes.

use aws_sdk_ecs::types::{
    CapacityProviderStrategyItem, ContainerDefinition, CpuArchitecture, KeyValuePair,
    LogConfiguration, LogDriver, NetworkMode, RuntimePlatform,
};

use super::Stack;
use crate::support::{TaskRevision, revise_service};
use stackproof_checks::inventory::{EcsService, TaskDefinition};

/// The `index`-th service of the stack, by name.
fn service_at(stack: &Stack, index: usize) -> &EcsService {
    let mut services: Vec<&EcsService> = stack.inventory.ecs_services.iter().collect();
    services.sort_by(|a, b| a.name.cmp(&b.name));
    services[index]
}

/// The cluster and the name of the `index`-th service.
fn service(stack: &Stack, index: usize) -> (String, String) {
    let cluster = stack.inventory.ecs_clusters[0].name.clone();
    (cluster, service_at(stack, index).name.clone())
}

/// The first service updated by `edit` (one UpdateService call); returns its name.
async fn update_first_service(
    stack: &Stack,
    edit: impl FnOnce(
        aws_sdk_ecs::operation::update_service::builders::UpdateServiceFluentBuilder,
    )
        -> aws_sdk_ecs::operation::update_service::builders::UpdateServiceFluentBuilder,
) -> String {
    let (cluster, name) = service(stack, 0);
    edit(
        stack
            .ecs()
            .update_service()
            .cluster(&cluster)
            .service(&name),
    )
    .send()
    .await
    .unwrap();
    name
}

/// The task definition the `index`-th service runs.
fn task_at(stack: &Stack, index: usize) -> &TaskDefinition {
    let arn = &service_at(stack, index).task_definition_arn;
    (stack.inventory.task_definitions.iter())
        .find(|t| &t.arn == arn)
        .unwrap()
}

/// A new revision of the first service's task definition; returns its family.
async fn revise(
    stack: &Stack,
    edit: impl FnOnce(&mut ContainerDefinition),
    task: impl FnOnce(TaskRevision) -> TaskRevision,
) -> String {
    let (cluster, name) = service(stack, 0);
    let arn = revise_service(&stack.ecs(), &cluster, &name, edit, task).await;
    family_of(&arn)
}

/// The family of a task definition ARN (`…:task-definition/app-x:3` → `app-x`).
pub(super) fn family_of(arn: &str) -> String {
    let tail = arn.rsplit('/').next().unwrap_or(arn);
    tail.split(':').next().unwrap_or(tail).to_string()
}

fn environment(container: &mut ContainerDefinition, name: &str, value: &str) {
    let mut variables = container.environment.clone().unwrap_or_default();
    variables.push(KeyValuePair::builder().name(name).value(value).build());
    container.environment = Some(variables);
}

pub async fn privileged(stack: &Stack) -> String {
    revise(stack, |c| c.privileged = Some(true), |t| t).await
}

pub async fn writable_root(stack: &Stack) -> String {
    revise(stack, |c| c.readonly_root_filesystem = Some(false), |t| t).await
}

pub async fn plain_password(stack: &Stack) -> String {
    revise(
        stack,
        |c| environment(c, "DB_PASSWORD", "not-a-secret-store"),
        |t| t,
    )
    .await
}

pub async fn access_key_value(stack: &Stack) -> String {
    revise(
        stack,
        |c| environment(c, "UPSTREAM", "AKIAIOSFODNN7EXAMPLE"),
        |t| t,
    )
    .await
}

pub async fn json_file_logs(stack: &Stack) -> String {
    let logging = LogConfiguration::builder()
        .log_driver(LogDriver::JsonFile)
        .build()
        .unwrap();
    revise(stack, |c| c.log_configuration = Some(logging), |t| t).await
}

/// The awslogs options changed by `edit`.
async fn awslogs(
    stack: &Stack,
    edit: impl FnOnce(&mut std::collections::HashMap<String, String>),
) -> String {
    revise(stack, |c| edit_awslogs(c, edit), |t| t).await
}

/// The container's log options changed by `edit`.
fn edit_awslogs(
    container: &mut ContainerDefinition,
    edit: impl FnOnce(&mut std::collections::HashMap<String, String>),
) {
    let mut logging = container.log_configuration.clone().unwrap();
    let mut options = logging.options.clone().unwrap_or_default();
    edit(&mut options);
    logging.options = Some(options);
    container.log_configuration = Some(logging);
}

pub async fn no_stream_prefix(stack: &Stack) -> String {
    awslogs(stack, |o| {
        o.remove("awslogs-stream-prefix");
    })
    .await
}

pub async fn foreign_log_group(stack: &Stack) -> String {
    awslogs(stack, |o| {
        o.insert("awslogs-group".into(), "/ecs/outside-the-stack".into());
    })
    .await
}

pub async fn x86(stack: &Stack) -> String {
    let platform = RuntimePlatform::builder()
        .cpu_architecture(CpuArchitecture::X8664)
        .build();
    revise(stack, |_| {}, |t| t.runtime_platform(platform)).await
}

/// moto gives Fargate-compatible task definitions awsvpc whatever they ask, so the revision
/// leaves Fargate too.
pub async fn bridge_mode(stack: &Stack) -> String {
    revise(
        stack,
        |_| {},
        |t| {
            t.network_mode(NetworkMode::Bridge)
                .set_requires_compatibilities(Some(vec![aws_sdk_ecs::types::Compatibility::Ec2]))
        },
    )
    .await
}

pub async fn ec2_only(stack: &Stack) -> String {
    revise(
        stack,
        |_| {},
        |t| t.set_requires_compatibilities(Some(vec![aws_sdk_ecs::types::Compatibility::Ec2])),
    )
    .await
}

pub async fn same_roles(stack: &Stack) -> String {
    let task = &stack.inventory.task_definitions[0];
    let execution = task.execution_role_arn.clone().unwrap();
    revise(stack, |_| {}, |t| t.task_role_arn(execution)).await
}

pub async fn smaller_task(stack: &Stack) -> String {
    revise(stack, |_| {}, |t| t.cpu("256").memory("512")).await
}

pub async fn public_image(stack: &Stack) -> String {
    revise(
        stack,
        |c| c.image = Some("public.ecr.aws/nginx/nginx:1.27".into()),
        |t| t,
    )
    .await
}

/// One more secret reference on the container.
fn add_secret(container: &mut ContainerDefinition, name: &str, value_from: &str) {
    let mut secrets = container.secrets.clone().unwrap_or_default();
    secrets.push(
        aws_sdk_ecs::types::Secret::builder()
            .name(name)
            .value_from(value_from)
            .build()
            .unwrap(),
    );
    container.secrets = Some(secrets);
}

pub async fn missing_secret(stack: &Stack) -> String {
    let region = stack.inventory.meta.region.clone().unwrap_or_default();
    let account = stack.inventory.meta.account.clone().unwrap_or_default();
    let gone = format!("arn:aws:secretsmanager:{region}:{account}:secret:never-created-AbCdEf");
    revise(stack, |c| add_secret(c, "GONE", &gone), |t| t).await
}

/// The second service takes the first service's task role.
pub async fn shared_task_role(stack: &Stack) -> String {
    let (cluster, name) = service(stack, 1);
    let role = task_at(stack, 0).task_role_arn.clone().unwrap();
    let arn = revise_service(
        &stack.ecs(),
        &cluster,
        &name,
        |_| {},
        |t| t.task_role_arn(role),
    )
    .await;
    family_of(&arn)
}

pub async fn one_task(stack: &Stack) -> String {
    update_first_service(stack, |u| u.desired_count(1)).await
}

pub async fn old_platform(stack: &Stack) -> String {
    update_first_service(stack, |u| u.platform_version("1.3.0")).await
}

pub async fn fargate_only(stack: &Stack) -> String {
    let cluster = stack.inventory.ecs_clusters[0].name.clone();
    stack
        .ecs()
        .put_cluster_capacity_providers()
        .cluster(&cluster)
        .capacity_providers("FARGATE")
        .default_capacity_provider_strategy(
            CapacityProviderStrategyItem::builder()
                .capacity_provider("FARGATE")
                .weight(1)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    cluster
}

pub async fn even_weights(stack: &Stack) -> String {
    let cluster = &stack.inventory.ecs_clusters[0];
    let strategy = cluster.capacity_providers.iter().map(|provider| {
        CapacityProviderStrategyItem::builder()
            .capacity_provider(provider)
            .weight(1)
            .build()
            .unwrap()
    });
    stack
        .ecs()
        .put_cluster_capacity_providers()
        .cluster(&cluster.name)
        .set_capacity_providers(Some(cluster.capacity_providers.clone()))
        .set_default_capacity_provider_strategy(Some(strategy.collect()))
        .send()
        .await
        .unwrap();
    cluster.name.clone()
}

/// The first service's network configuration, changed by `edit`.
async fn network(
    stack: &Stack,
    subnets: Vec<String>,
    assign_public_ip: aws_sdk_ecs::types::AssignPublicIp,
) -> String {
    let current = service_at(stack, 0);
    let configuration = aws_sdk_ecs::types::AwsVpcConfiguration::builder()
        .set_subnets(Some(subnets))
        .set_security_groups(Some(current.security_group_ids.clone()))
        .assign_public_ip(assign_public_ip)
        .build()
        .unwrap();
    update_first_service(stack, |u| {
        u.network_configuration(
            aws_sdk_ecs::types::NetworkConfiguration::builder()
                .awsvpc_configuration(configuration)
                .build(),
        )
    })
    .await
}

pub async fn public_ip(stack: &Stack) -> String {
    let subnets = service_at(stack, 0).subnet_ids.clone();
    network(stack, subnets, aws_sdk_ecs::types::AssignPublicIp::Enabled).await
}

pub async fn public_subnets(stack: &Stack) -> String {
    let subnets = stack.outputs["PublicSubnetIds"]
        .split(',')
        .map(str::to_string)
        .collect();
    network(stack, subnets, aws_sdk_ecs::types::AssignPublicIp::Disabled).await
}

/// The second service logs into the first service's log group.
pub async fn shared_log_group(stack: &Stack) -> String {
    let group = task_at(stack, 0).containers[0].log_options["awslogs-group"].clone();
    let (cluster, second) = service(stack, 1);
    revise_service(
        &stack.ecs(),
        &cluster,
        &second,
        |c| {
            edit_awslogs(c, |o| {
                o.insert("awslogs-group".into(), group);
            })
        },
        |t| t,
    )
    .await;
    second
}

pub async fn container_port_8081(stack: &Stack) -> String {
    revise(
        stack,
        |c| {
            c.port_mappings = Some(vec![
                aws_sdk_ecs::types::PortMapping::builder()
                    .container_port(8081)
                    .build(),
            ])
        },
        |t| t,
    )
    .await;
    service(stack, 0).1
}

pub async fn secret_from_s3(stack: &Stack) -> String {
    let from = "arn:aws:s3:::some-bucket/config.json";
    revise(stack, |c| add_secret(c, "CONFIG", from), |t| t).await
}

/// Every service stops referencing the `api-keys` secret.
pub async fn secret_unreferenced(stack: &Stack) -> String {
    let secret = stack
        .inventory
        .secrets
        .iter()
        .find(|s| s.name.starts_with("api-keys"))
        .unwrap();
    for index in 0..stack.inventory.ecs_services.len() {
        let (cluster, name) = service(stack, index);
        revise_service(
            &stack.ecs(),
            &cluster,
            &name,
            |c| {
                let kept = c.secrets.clone().unwrap_or_default().into_iter();
                c.secrets = Some(
                    kept.filter(|s| !s.value_from.starts_with(&secret.arn))
                        .collect(),
                );
            },
            |t| t,
        )
        .await;
    }
    secret.name.clone()
}

pub async fn repository_deleted(stack: &Stack) -> String {
    let repository = &stack.inventory.ecr_repositories[0];
    stack
        .ecr()
        .delete_repository()
        .repository_name(&repository.name)
        .force(true)
        .send()
        .await
        .unwrap();
    // The profile names repositories without the suffix.
    stack.inventory.meta.base_name(&repository.name).to_string()
}

/// The first service stops registering in Cloud Map.
pub async fn unregistered(stack: &Stack) -> String {
    update_first_service(stack, |u| u.set_service_registries(Some(Vec::new()))).await
}

/// A discovery service's DNS records emptied.
pub async fn no_dns_records(stack: &Stack) -> String {
    let mut services: Vec<_> = stack.inventory.cloud_map_services.iter().collect();
    services.sort_by(|a, b| a.name.cmp(&b.name));
    let service = services[0];
    stack
        .discovery()
        .update_service()
        .id(&service.id)
        .service(
            aws_sdk_servicediscovery::types::ServiceChange::builder()
                .dns_config(
                    aws_sdk_servicediscovery::types::DnsConfigChange::builder()
                        .set_dns_records(Some(Vec::new()))
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    service.id.clone()
}
