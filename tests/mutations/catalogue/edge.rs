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
