//! Builders the foreign stacks share: plain SDK calls, as any deployment tool makes them.

use aws_sdk_ec2::types::{Filter, ResourceType, Tag, TagSpecification};

/// The id of the security group AWS created with `vpc`.
pub async fn default_security_group(ec2: &aws_sdk_ec2::Client, vpc: &str) -> String {
    let filter = |name: &str, value: &str| Filter::builder().name(name).values(value).build();
    let groups = ec2
        .describe_security_groups()
        .filters(filter("vpc-id", vpc))
        .filters(filter("group-name", "default"))
        .send()
        .await
        .unwrap();
    groups.security_groups()[0].group_id().unwrap().to_string()
}

/// Creates a subnet in zone `zone` of the region with `tags`.
pub async fn subnet(
    ec2: &aws_sdk_ec2::Client,
    vpc: &str,
    cidr: &str,
    zone: &str,
    tags: &[(&str, &str)],
) -> String {
    let tags: Vec<Tag> = tags
        .iter()
        .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
        .collect();
    let spec = TagSpecification::builder()
        .resource_type(ResourceType::Subnet)
        .set_tags(Some(tags.clone()));
    let create = ec2
        .create_subnet()
        .vpc_id(vpc)
        .cidr_block(cidr)
        .availability_zone(zone);
    let create = if tags.is_empty() {
        create
    } else {
        create.tag_specifications(spec.build())
    };
    let created = create.send().await.unwrap();
    created.subnet().unwrap().subnet_id().unwrap().to_string()
}

pub async fn route_table(ec2: &aws_sdk_ec2::Client, vpc: &str, subnets: &[&String]) -> String {
    let table = ec2.create_route_table().vpc_id(vpc).send().await.unwrap();
    let table = table
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    for subnet in subnets {
        ec2.associate_route_table()
            .route_table_id(&table)
            .subnet_id(*subnet)
            .send()
            .await
            .unwrap();
    }
    table
}

pub fn awslogs(group: &str, region: &str, prefix: &str) -> aws_sdk_ecs::types::LogConfiguration {
    aws_sdk_ecs::types::LogConfiguration::builder()
        .log_driver(aws_sdk_ecs::types::LogDriver::Awslogs)
        .options("awslogs-group", group)
        .options("awslogs-region", region)
        .options("awslogs-stream-prefix", prefix)
        .build()
        .unwrap()
}

/// Registers a 256/512 Fargate task of one container (`role` as task and execution role).
pub async fn fargate_task(
    ecs: &aws_sdk_ecs::Client,
    family: impl Into<String>,
    role: Option<&String>,
    container: aws_sdk_ecs::types::ContainerDefinition,
) -> String {
    let registered = ecs
        .register_task_definition()
        .family(family)
        .set_task_role_arn(role.cloned())
        .set_execution_role_arn(role.cloned())
        .network_mode(aws_sdk_ecs::types::NetworkMode::Awsvpc)
        .requires_compatibilities(aws_sdk_ecs::types::Compatibility::Fargate)
        .cpu("256")
        .memory("512")
        .container_definitions(container)
        .send()
        .await
        .unwrap();
    let task = registered.task_definition().unwrap();
    task.task_definition_arn().unwrap().to_string()
}

pub use crate::support::create_vpc;

/// An internet gateway attached to `vpc`.
pub async fn internet_gateway(ec2: &aws_sdk_ec2::Client, vpc: &str) -> String {
    let igw = ec2.create_internet_gateway().send().await.unwrap();
    let igw = igw.internet_gateway().unwrap();
    let id = igw.internet_gateway_id().unwrap().to_string();
    (ec2.attach_internet_gateway()
        .internet_gateway_id(&id)
        .vpc_id(vpc))
    .send()
    .await
    .unwrap();
    id
}

/// A NAT gateway with a new Elastic IP in `subnet`.
pub async fn nat_gateway(ec2: &aws_sdk_ec2::Client, subnet: &str) -> String {
    let address = ec2.allocate_address().send().await.unwrap();
    let nat = ec2
        .create_nat_gateway()
        .subnet_id(subnet)
        .allocation_id(address.allocation_id().unwrap())
        .send()
        .await
        .unwrap();
    nat.nat_gateway()
        .unwrap()
        .nat_gateway_id()
        .unwrap()
        .to_string()
}
