//! VPC mutations: routes, endpoints, gateways, subnets, flow logs.

use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification, TrafficType};

use super::{Stack, output};

fn private_table(stack: &Stack) -> String {
    let subnet = output(stack, "PrivateSubnetIds").split(',').next().unwrap();
    route_table_of(stack, subnet)
}

fn public_table(stack: &Stack) -> String {
    let subnet = output(stack, "PublicSubnetIds").split(',').next().unwrap();
    route_table_of(stack, subnet)
}

fn route_table_of(stack: &Stack, subnet: &str) -> String {
    stack
        .inventory
        .route_tables
        .iter()
        .find(|t| t.subnet_ids.iter().any(|s| s == subnet))
        .map(|t| t.id.clone())
        .unwrap()
}

fn internet_gateway(stack: &Stack) -> String {
    stack.inventory.internet_gateways[0].id.clone()
}

/// The private route table's default route goes to the internet gateway instead of the NAT.
pub async fn private_route_to_igw(stack: &Stack) -> String {
    let table = private_table(stack);
    stack
        .ec2()
        .replace_route()
        .route_table_id(&table)
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(internet_gateway(stack))
        .send()
        .await
        .unwrap();
    output(stack, "PrivateSubnetIds")
        .split(',')
        .next()
        .unwrap()
        .to_string()
}

pub async fn public_route_removed(stack: &Stack) -> String {
    let table = public_table(stack);
    stack
        .ec2()
        .delete_route()
        .route_table_id(&table)
        .destination_cidr_block("0.0.0.0/0")
        .send()
        .await
        .unwrap();
    output(stack, "PublicSubnetIds")
        .split(',')
        .next()
        .unwrap()
        .to_string()
}

pub async fn private_route_removed(stack: &Stack) -> String {
    let table = private_table(stack);
    stack
        .ec2()
        .delete_route()
        .route_table_id(&table)
        .destination_cidr_block("0.0.0.0/0")
        .send()
        .await
        .unwrap();
    output(stack, "PrivateSubnetIds")
        .split(',')
        .next()
        .unwrap()
        .to_string()
}

/// A second NAT gateway, in the first public subnet (or a private one).
async fn nat_gateway(stack: &Stack, key: &str) -> String {
    let subnet = output(stack, key).split(',').last().unwrap().to_string();
    let allocation = stack
        .ec2()
        .allocate_address()
        .domain(aws_sdk_ec2::types::DomainType::Vpc)
        .send()
        .await
        .unwrap();
    let nat = stack
        .ec2()
        .create_nat_gateway()
        .subnet_id(&subnet)
        .set_allocation_id(allocation.allocation_id().map(str::to_string))
        .tag_specifications(tags_like_the_stack(stack, ResourceType::Natgateway))
        .send()
        .await
        .unwrap();
    nat.nat_gateway()
        .unwrap()
        .nat_gateway_id()
        .unwrap()
        .to_string()
}

pub async fn second_nat(stack: &Stack) -> String {
    nat_gateway(stack, "PublicSubnetIds").await;
    output(stack, "VpcId").to_string()
}

pub async fn nat_in_private_subnet(stack: &Stack) -> String {
    nat_gateway(stack, "PrivateSubnetIds").await
}

/// The tags the VPC carries (suffix, scenario, name), for resources a mutation adds.
fn tags_like_the_stack(stack: &Stack, kind: ResourceType) -> TagSpecification {
    tag_specification(kind, &stack.inventory.vpcs[0].tags)
}

fn tag_specification(
    kind: ResourceType,
    tags: &stackproof_checks::inventory::Tags,
) -> TagSpecification {
    let tags = tags
        .iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build());
    TagSpecification::builder()
        .resource_type(kind)
        .set_tags(Some(tags.collect()))
        .build()
}

async fn delete_endpoint(stack: &Stack, id: &str) {
    stack
        .ec2()
        .delete_vpc_endpoints()
        .vpc_endpoint_ids(id)
        .send()
        .await
        .unwrap();
}

fn s3_endpoint(stack: &Stack) -> String {
    stack
        .inventory
        .vpc_endpoints
        .iter()
        .find(|e| e.service_name.ends_with(".s3"))
        .map(|e| e.id.clone())
        .unwrap()
}

pub async fn s3_endpoint_deleted(stack: &Stack) -> String {
    delete_endpoint(stack, &s3_endpoint(stack)).await;
    output(stack, "VpcId").to_string()
}

pub async fn endpoint_off_private_routes(stack: &Stack) -> String {
    let endpoint = s3_endpoint(stack);
    stack
        .ec2()
        .modify_vpc_endpoint()
        .vpc_endpoint_id(&endpoint)
        .remove_route_table_ids(private_table(stack))
        .send()
        .await
        .unwrap();
    endpoint
}

pub async fn internet_gateway_removed(stack: &Stack) -> String {
    let igw = internet_gateway(stack);
    let vpc = output(stack, "VpcId").to_string();
    let ec2 = stack.ec2();
    ec2.delete_route()
        .route_table_id(public_table(stack))
        .destination_cidr_block("0.0.0.0/0")
        .send()
        .await
        .unwrap();
    ec2.detach_internet_gateway()
        .internet_gateway_id(&igw)
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap();
    ec2.delete_internet_gateway()
        .internet_gateway_id(&igw)
        .send()
        .await
        .unwrap();
    vpc
}

/// The public default route deleted: the internet gateway stays attached, routed to by nothing.
pub async fn internet_gateway_unrouted(stack: &Stack) -> String {
    public_route_removed(stack).await;
    internet_gateway(stack)
}

/// A route table in the stack's VPC, tagged like the stack's own, with a default route to the
/// internet gateway and no subnet.
pub async fn spare_route_table(stack: &Stack) -> String {
    let ec2 = stack.ec2();
    let tags: Vec<Tag> = (stack.inventory.route_tables.iter())
        .find(|t| !t.tags.is_empty())
        .map(|t| {
            (t.tags.iter())
                .map(|(k, v)| Tag::builder().key(k).value(v).build())
                .collect()
        })
        .unwrap_or_default();
    let table = ec2
        .create_route_table()
        .vpc_id(output(stack, "VpcId"))
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::RouteTable)
                .set_tags(Some(tags))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let id = table
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    ec2.create_route()
        .route_table_id(&id)
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(internet_gateway(stack))
        .send()
        .await
        .unwrap();
    id
}

/// A flow log of rejected traffic only, into the stack's log bucket.
pub async fn reject_only_flow_log(stack: &Stack) -> String {
    let bucket = output(stack, "LogsBucketName");
    let created = stack
        .ec2()
        .create_flow_logs()
        .resource_type(aws_sdk_ec2::types::FlowLogsResourceType::Vpc)
        .resource_ids(output(stack, "VpcId"))
        .traffic_type(TrafficType::Reject)
        .log_destination_type(aws_sdk_ec2::types::LogDestinationType::S3)
        .log_destination(format!("arn:aws:s3:::{bucket}"))
        .send()
        .await
        .unwrap();
    created.flow_log_ids()[0].clone()
}

/// One more subnet of the VPC, tagged like the stack, on the given route table.
async fn extra_subnet(stack: &Stack, cidr: &str, zone: &str, table: Option<String>) -> String {
    let region = stack.inventory.meta.region.clone().unwrap();
    let subnet = stack
        .ec2()
        .create_subnet()
        .vpc_id(output(stack, "VpcId"))
        .cidr_block(cidr)
        .availability_zone(format!("{region}{zone}"))
        .tag_specifications(tags_like_the_stack(stack, ResourceType::Subnet))
        .send()
        .await
        .unwrap()
        .subnet()
        .unwrap()
        .subnet_id()
        .unwrap()
        .to_string();
    if let Some(table) = table {
        stack
            .ec2()
            .associate_route_table()
            .route_table_id(table)
            .subnet_id(&subnet)
            .send()
            .await
            .unwrap();
    }
    subnet
}

pub async fn third_private_subnet(stack: &Stack) -> String {
    extra_subnet(stack, "10.0.50.0/24", "a", Some(private_table(stack))).await;
    output(stack, "VpcId").to_string()
}

/// A third private subnet tagged like the private subnet already in its zone: the private tier
/// doubled up in one zone.
pub async fn third_private_subnet_in_tier(stack: &Stack) -> String {
    let subnet = extra_subnet(stack, "10.0.50.0/24", "a", Some(private_table(stack))).await;
    let zone = format!("{}a", stack.inventory.meta.region.as_deref().unwrap());
    let private = output(stack, "PrivateSubnetIds")
        .split(',')
        .collect::<Vec<_>>();
    let sibling = (stack.inventory.subnets.iter())
        .find(|s| private.contains(&s.id.as_str()) && s.availability_zone == zone)
        .expect("a private subnet in zone a");
    let tags = (sibling.tags.iter()).map(|(k, v)| Tag::builder().key(k).value(v).build());
    (stack.ec2().create_tags().resources(&subnet))
        .set_tags(Some(tags.collect()))
        .send()
        .await
        .unwrap();
    "private".to_string()
}

pub async fn third_public_subnet(stack: &Stack) -> String {
    extra_subnet(stack, "10.0.51.0/24", "a", Some(public_table(stack))).await;
    output(stack, "VpcId").to_string()
}

pub async fn subnet_in_third_zone(stack: &Stack) -> String {
    extra_subnet(stack, "10.0.52.0/24", "c", Some(private_table(stack))).await;
    output(stack, "VpcId").to_string()
}

fn interface_endpoint(stack: &Stack) -> &stackproof_checks::inventory::VpcEndpoint {
    let mut endpoints: Vec<_> = stack
        .inventory
        .vpc_endpoints
        .iter()
        .filter(|e| e.endpoint_type.eq_ignore_ascii_case("interface"))
        .collect();
    endpoints.sort_by(|a, b| a.service_name.cmp(&b.service_name));
    endpoints[0]
}

pub async fn interface_endpoint_deleted(stack: &Stack) -> String {
    delete_endpoint(stack, &interface_endpoint(stack).id).await;
    output(stack, "VpcId").to_string()
}

pub async fn interface_endpoint_in_public_subnet(stack: &Stack) -> String {
    let endpoint = interface_endpoint(stack).id.clone();
    let public = output(stack, "PublicSubnetIds").split(',').next().unwrap();
    stack
        .ec2()
        .modify_vpc_endpoint()
        .vpc_endpoint_id(&endpoint)
        .add_subnet_ids(public)
        .send()
        .await
        .unwrap();
    endpoint
}

/// moto's ModifyVpcEndpoint ignores PrivateDnsEnabled, so the endpoint is recreated without it
/// (same service, subnets and tags).
pub async fn interface_endpoint_private_dns_off(stack: &Stack) -> String {
    let endpoint = interface_endpoint(stack).clone();
    delete_endpoint(stack, &endpoint.id).await;
    stack
        .ec2()
        .create_vpc_endpoint()
        .vpc_id(&endpoint.vpc_id)
        .vpc_endpoint_type(aws_sdk_ec2::types::VpcEndpointType::Interface)
        .service_name(&endpoint.service_name)
        .set_subnet_ids(Some(endpoint.subnet_ids.clone()))
        .private_dns_enabled(false)
        .tag_specifications(tag_specification(ResourceType::VpcEndpoint, &endpoint.tags))
        .send()
        .await
        .unwrap()
        .vpc_endpoint()
        .unwrap()
        .vpc_endpoint_id()
        .unwrap()
        .to_string()
}
