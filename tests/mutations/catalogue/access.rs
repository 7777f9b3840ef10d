//! More IAM and security group mutations, and stack-wide ones (names, tags, outputs).

use aws_sdk_ec2::types::{IpPermission, IpRange, Tag, UserIdGroupPair};
use serde_json::json;

use super::{Stack, from_anywhere, group_named, ingress, inline_policy, output, role_named, tcp};

pub async fn service_on_everything(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
    )
    .await;
    role.to_string()
}

pub async fn get_object_anywhere(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}),
    )
    .await;
    role.to_string()
}

pub async fn foreign_key(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/not-ours"}),
    )
    .await;
    role.to_string()
}

/// The execution role of the first task definition, and that task definition's family.
fn execution_role(stack: &Stack) -> (String, String) {
    let mut tasks: Vec<_> = stack.inventory.task_definitions.iter().collect();
    tasks.sort_by(|a, b| a.family.cmp(&b.family));
    let task = tasks[0];
    let arn = task.execution_role_arn.clone().unwrap();
    let role = arn.rsplit('/').next().unwrap().to_string();
    (role, task.family.clone())
}

/// The execution role's inline policy no longer grants the secrets (only decryption).
pub async fn execution_role_without_secrets(stack: &Stack) -> String {
    let (role, family) = execution_role(stack);
    let policy = stack
        .inventory
        .roles
        .iter()
        .find(|r| r.name == role)
        .unwrap()
        .inline_policies[0]
        .name
        .clone();
    let key = &stack.inventory.kms_keys[0].arn;
    stack
        .iam()
        .put_role_policy()
        .role_name(&role)
        .policy_name(policy)
        .policy_document(
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key}
            ]})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    family
}

/// AWS's execution policy (image pulls, log delivery) detached from the execution role.
pub async fn execution_role_without_pulls(stack: &Stack) -> String {
    let (role, family) = execution_role(stack);
    stack
        .iam()
        .detach_role_policy()
        .role_name(&role)
        .policy_arn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
        .send()
        .await
        .unwrap();
    family
}

pub async fn https_to_app_from_internet(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    ingress(
        stack,
        group,
        tcp(8080)
            .ip_ranges(from_anywhere("app from anywhere"))
            .build(),
    )
    .await;
    group.to_string()
}

pub async fn full_port_range_from_alb(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    let alb = group_named(stack, "alb-sg");
    let permission = IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(0)
        .to_port(65535)
        .user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(alb)
                .description("every port from the ALB")
                .build(),
        )
        .build();
    ingress(stack, group, permission).await;
    group.to_string()
}

pub async fn app_from_vpc_range(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    let range = IpRange::builder()
        .cidr_ip("10.0.0.0/16")
        .description("the whole VPC")
        .build();
    ingress(stack, group, tcp(8080).ip_ranges(range).build()).await;
    group.to_string()
}

pub async fn database_egress_open(stack: &Stack) -> String {
    let group = group_named(stack, "db-sg");
    stack
        .ec2()
        .authorize_security_group_egress()
        .group_id(group)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("-1")
                .ip_ranges(from_anywhere("everything out"))
                .build(),
        )
        .send()
        .await
        .unwrap();
    group.to_string()
}

pub async fn alb_extra_port(stack: &Stack) -> String {
    let group = group_named(stack, "alb-sg");
    ingress(
        stack,
        group,
        tcp(8443).ip_ranges(from_anywhere("alt https")).build(),
    )
    .await;
    group.to_string()
}

pub async fn app_extra_port(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    let alb = group_named(stack, "alb-sg");
    let permission = tcp(9090)
        .user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(alb)
                .description("metrics from the ALB")
                .build(),
        )
        .build();
    ingress(stack, group, permission).await;
    group.to_string()
}

async fn vpc_tag(stack: &Stack, key: &str, value: &str) -> String {
    let vpc = output(stack, "VpcId").to_string();
    stack
        .ec2()
        .create_tags()
        .resources(&vpc)
        .tags(Tag::builder().key(key).value(value).build())
        .send()
        .await
        .unwrap();
    vpc
}

pub async fn name_without_suffix(stack: &Stack) -> String {
    vpc_tag(stack, "Name", "transaction-vpc").await
}

pub async fn name_with_prod(stack: &Stack) -> String {
    let name = stack.inventory.vpcs[0].tags["Name"].replace("-vpc", "-prod-vpc");
    vpc_tag(stack, "Name", &name).await
}

pub async fn required_tag_removed(stack: &Stack) -> String {
    let vpc = output(stack, "VpcId").to_string();
    stack
        .ec2()
        .delete_tags()
        .resources(&vpc)
        .tags(Tag::builder().key("EnvironmentSuffix").build())
        .send()
        .await
        .unwrap();
    vpc
}

/// The subnet outputs dropped from the outputs file: the subnets are still found through the
/// VPC, but the stack no longer exports them.
pub async fn subnet_outputs_dropped(stack: &Stack) -> String {
    let text = std::fs::read_to_string(&stack.outputs_file).unwrap();
    let mut outputs: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap();
    outputs.retain(|key, _| !key.ends_with("SubnetIds"));
    std::fs::write(
        &stack.outputs_file,
        serde_json::to_string_pretty(&outputs).unwrap(),
    )
    .unwrap();
    "subnet".to_string()
}
