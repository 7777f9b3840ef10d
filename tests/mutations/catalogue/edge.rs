//! Load balancer mutations: subnets, listeners, TLS policy, target group health checks.

use aws_sdk_elasticloadbalancingv2::types::{Action, ActionTypeEnum, ProtocolEnum};

use super::{Stack, output};

fn load_balancer(stack: &Stack) -> (&str, &str) {
    let lb = &stack.inventory.load_balancers[0];
    (lb.arn.as_str(), lb.name.as_str())
}

pub async fn lb_in_private_subnets(stack: &Stack) -> String {
    let (arn, name) = load_balancer(stack);
    let subnets: Vec<String> = output(stack, "PrivateSubnetIds")
        .split(',')
        .map(str::to_string)
        .collect();
    stack
        .elb()
        .set_subnets()
        .load_balancer_arn(arn)
        .set_subnets(Some(subnets))
        .send()
        .await
        .unwrap();
    name.to_string()
}

fn forward_to_first_group(stack: &Stack) -> Action {
    Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .target_group_arn(&stack.inventory.target_groups[0].arn)
        .build()
}

/// The HTTP listener forwards instead of redirecting to HTTPS.
pub async fn http_forwards(stack: &Stack) -> String {
    let listener = stack
        .inventory
        .listeners
        .iter()
        .find(|l| l.protocol == "HTTP")
        .unwrap();
    stack
        .elb()
        .modify_listener()
        .listener_arn(&listener.arn)
        .default_actions(forward_to_first_group(stack))
        .send()
        .await
        .unwrap();
    load_balancer(stack).1.to_string()
}

pub async fn old_tls_policy(stack: &Stack) -> String {
    let listener = stack
        .inventory
        .listeners
        .iter()
        .find(|l| l.protocol == "HTTPS")
        .unwrap();
    stack
        .elb()
        .modify_listener()
        .listener_arn(&listener.arn)
        .ssl_policy("ELBSecurityPolicy-2016-08")
        .send()
        .await
        .unwrap();
    listener.arn.clone()
}

pub async fn extra_listener_port(stack: &Stack) -> String {
    let (arn, name) = load_balancer(stack);
    stack
        .elb()
        .create_listener()
        .load_balancer_arn(arn)
        .port(8081)
        .protocol(ProtocolEnum::Http)
        .default_actions(forward_to_first_group(stack))
        .send()
        .await
        .unwrap();
    name.to_string()
}

/// Every listener of the load balancer deleted: its target groups are served by none.
pub async fn listeners_deleted(stack: &Stack) -> String {
    for listener in &stack.inventory.listeners {
        stack
            .elb()
            .delete_listener()
            .listener_arn(&listener.arn)
            .send()
            .await
            .unwrap();
    }
    stack.inventory.target_groups[0].name.clone()
}

/// A target group (a green side, say) added to the outputs that no listener forwards to.
pub async fn unserved_group_in_outputs(stack: &Stack) -> String {
    let name = format!("spare-{}", output(stack, "EnvironmentSuffix"));
    let group = stack
        .elb()
        .create_target_group()
        .name(&name)
        .protocol(aws_sdk_elasticloadbalancingv2::types::ProtocolEnum::Http)
        .port(8080)
        .target_type(aws_sdk_elasticloadbalancingv2::types::TargetTypeEnum::Ip)
        .vpc_id(output(stack, "VpcId"))
        .set_tags(Some(like_the_stack(&stack.inventory.target_groups[0].tags)))
        .send()
        .await
        .unwrap();
    let arn = group.target_groups()[0]
        .target_group_arn()
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&stack.outputs_file).unwrap();
    let mut outputs: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap();
    outputs.insert("SpareTargetGroupArn".into(), arn.into());
    std::fs::write(
        &stack.outputs_file,
        serde_json::to_string_pretty(&outputs).unwrap(),
    )
    .unwrap();
    name
}

fn like_the_stack(
    tags: &stackproof_checks::inventory::Tags,
) -> Vec<aws_sdk_elasticloadbalancingv2::types::Tag> {
    let tag = |(key, value): (&String, &String)| {
        aws_sdk_elasticloadbalancingv2::types::Tag::builder()
            .key(key)
            .value(value)
            .build()
    };
    tags.iter().map(tag).collect()
}

/// Cross-zone balancing turned off on a target group (an ALB itself always balances across zones).
pub async fn cross_zone_off(stack: &Stack) -> String {
    let group = &stack.inventory.target_groups[0];
    stack
        .elb()
        .modify_target_group_attributes()
        .target_group_arn(&group.arn)
        .attributes(
            aws_sdk_elasticloadbalancingv2::types::TargetGroupAttribute::builder()
                .key("load_balancing.cross_zone.enabled")
                .value("false")
                .build(),
        )
        .send()
        .await
        .unwrap();
    group.name.clone()
}

pub async fn listeners_deleted_for_service(stack: &Stack) -> String {
    listeners_deleted(stack).await;
    stack.inventory.ecs_services[0].name.clone()
}

async fn modify_target_group(
    stack: &Stack,
    edit: impl FnOnce(
        aws_sdk_elasticloadbalancingv2::operation::modify_target_group::builders::ModifyTargetGroupFluentBuilder,
    ) -> aws_sdk_elasticloadbalancingv2::operation::modify_target_group::builders::ModifyTargetGroupFluentBuilder,
) -> String {
    let group = &stack.inventory.target_groups[0];
    edit(
        stack
            .elb()
            .modify_target_group()
            .target_group_arn(&group.arn),
    )
    .send()
    .await
    .unwrap();
    group.name.clone()
}

pub async fn health_interval_60(stack: &Stack) -> String {
    modify_target_group(stack, |m| m.health_check_interval_seconds(60)).await
}

pub async fn health_check_disabled(stack: &Stack) -> String {
    modify_target_group(stack, |m| m.health_check_enabled(false)).await
}

pub async fn healthy_threshold_10(stack: &Stack) -> String {
    modify_target_group(stack, |m| m.healthy_threshold_count(10)).await
}

/// The weighted forward set to 50/50 (the profile asks for 80/20).
pub async fn even_split(stack: &Stack) -> String {
    let listener = stack
        .inventory
        .listeners
        .iter()
        .find(|l| l.default_actions.iter().any(|a| a.forward.len() > 1))
        .unwrap();
    let groups = listener
        .default_actions
        .iter()
        .flat_map(|a| &a.forward)
        .map(|g| {
            aws_sdk_elasticloadbalancingv2::types::TargetGroupTuple::builder()
                .target_group_arn(&g.target_group_arn)
                .weight(50)
                .build()
        });
    let action = Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .forward_config(
            aws_sdk_elasticloadbalancingv2::types::ForwardActionConfig::builder()
                .set_target_groups(Some(groups.collect()))
                .build(),
        )
        .build();
    stack
        .elb()
        .modify_listener()
        .listener_arn(&listener.arn)
        .default_actions(action)
        .send()
        .await
        .unwrap();
    listener.arn.clone()
}

pub async fn dualstack(stack: &Stack) -> String {
    let (arn, name) = load_balancer(stack);
    stack
        .elb()
        .set_ip_address_type()
        .load_balancer_arn(arn)
        .ip_address_type(aws_sdk_elasticloadbalancingv2::types::IpAddressType::Dualstack)
        .send()
        .await
        .unwrap();
    name.to_string()
}

/// A second target group of the `instance` type (health checks and tags copied from the first),
/// behind a `/legacy/*` rule of the first listener and added to the first service's load
/// balancers: its awsvpc tasks cannot register there.
pub async fn instance_target_group(stack: &Stack) -> String {
    use aws_sdk_elasticloadbalancingv2::types::{RuleCondition, Tag, TargetTypeEnum};
    let group = &stack.inventory.target_groups[0];
    let check = &group.health_check;
    let name = format!("inst-{}", group.name);
    let created = stack
        .elb()
        .create_target_group()
        .name(&name)
        .protocol(ProtocolEnum::Http)
        .port(group.port.unwrap())
        .set_vpc_id(group.vpc_id.clone())
        .target_type(TargetTypeEnum::Instance)
        .set_health_check_path(check.path.clone())
        .set_health_check_interval_seconds(check.interval_seconds)
        .set_health_check_timeout_seconds(check.timeout_seconds)
        .set_healthy_threshold_count(check.healthy_threshold)
        .set_unhealthy_threshold_count(check.unhealthy_threshold)
        .set_tags(Some(
            (group.tags.iter())
                .map(|(k, v)| Tag::builder().key(k).value(v).build())
                .collect(),
        ))
        .send()
        .await
        .unwrap();
    let arn = created.target_groups()[0].target_group_arn().unwrap();
    stack
        .elb()
        .create_rule()
        .listener_arn(&stack.inventory.listeners[0].arn)
        .priority(10)
        .conditions(
            RuleCondition::builder()
                .field("path-pattern")
                .values("/legacy/*")
                .build(),
        )
        .actions(
            Action::builder()
                .r#type(ActionTypeEnum::Forward)
                .target_group_arn(arn)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let service = &stack.inventory.ecs_services[0];
    let task = (stack.inventory.task_definitions.iter())
        .find(|t| t.arn == service.task_definition_arn)
        .unwrap();
    let container = &task.containers[0];
    let entry = |target_group: &str| {
        aws_sdk_ecs::types::LoadBalancer::builder()
            .target_group_arn(target_group)
            .container_name(&container.name)
            .container_port(container.port_mappings[0])
            .build()
    };
    let mut entries: Vec<_> = service.target_group_arns.iter().map(|g| entry(g)).collect();
    entries.push(entry(arn));
    stack
        .ecs()
        .update_service()
        .cluster(&service.cluster_arn)
        .service(&service.name)
        .set_load_balancers(Some(entries))
        .send()
        .await
        .unwrap();
    name
}
