//! Elastic Load Balancing v2: load balancers, listeners and their rules, target groups. Where
//! the template leaves an attribute out, the inventory holds AWS's documented default, as
//! DescribeLoadBalancerAttributes / DescribeTargetGroupAttributes report it after deploy.

use std::collections::BTreeMap;

use stackproof_checks::inventory::{
    HealthCheck, Listener, ListenerAction, ListenerRule, LoadBalancer, Resource, TargetGroup,
    WeightedTargetGroup,
};

use crate::build::{Builder, Res};
use crate::props::Props;

/// Load balancer attributes whose defaults a check reads (Elastic Load Balancing API reference,
/// LoadBalancerAttribute). Cross-zone is always on for an Application Load Balancer and off by
/// default for a Network Load Balancer.
fn load_balancer_defaults(lb_type: &str) -> BTreeMap<String, String> {
    let cross_zone = if lb_type == "application" {
        "true"
    } else {
        "false"
    };
    [
        ("deletion_protection.enabled", "false"),
        ("load_balancing.cross_zone.enabled", cross_zone),
        ("access_logs.s3.enabled", "false"),
        ("idle_timeout.timeout_seconds", "60"),
        ("routing.http.drop_invalid_header_fields.enabled", "false"),
        ("routing.http2.enabled", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Target group attribute defaults (TargetGroupAttribute).
fn target_group_defaults() -> BTreeMap<String, String> {
    [
        ("deregistration_delay.timeout_seconds", "300"),
        ("stickiness.enabled", "false"),
        (
            "load_balancing.cross_zone.enabled",
            "use_load_balancer_configuration",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn attributes(
    p: &Props,
    key: &str,
    mut defaults: BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    for attribute in p.children(key) {
        if let (Some(k), Some(v)) = (attribute.text("Key"), attribute.text("Value")) {
            defaults.insert(k, v);
        }
    }
    defaults
}

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
            let lb_type = p.text("Type").unwrap_or_else(|| "application".into());
            let mut subnet_ids = p.texts("Subnets");
            subnet_ids.extend(
                p.children("SubnetMappings")
                    .iter()
                    .filter_map(|m| m.text("SubnetId")),
            );
            b.push(
                r,
                |i| &mut i.load_balancers,
                LoadBalancer {
                    arn: r.arn.clone(),
                    name: r.name.clone(),
                    dns_name: r.attribute("DNSName"),
                    attributes: attributes(
                        p,
                        "LoadBalancerAttributes",
                        load_balancer_defaults(&lb_type),
                    ),
                    lb_type,
                    scheme: p.text("Scheme").unwrap_or_else(|| "internet-facing".into()),
                    ip_address_type: p.text("IpAddressType").unwrap_or_else(|| "ipv4".into()),
                    subnet_ids,
                    security_group_ids: p.texts("SecurityGroups"),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::ElasticLoadBalancingV2::Listener" => {
            let protocol = p.text("Protocol").unwrap_or_else(|| "HTTP".into());
            // The API's default policy for a secure listener that names none.
            let ssl_policy = p.text("SslPolicy").or_else(|| {
                matches!(protocol.as_str(), "HTTPS" | "TLS")
                    .then(|| "ELBSecurityPolicy-2016-08".into())
            });
            b.push(
                r,
                |i| &mut i.listeners,
                Listener {
                    arn: r.arn.clone(),
                    load_balancer_arn: p.text("LoadBalancerArn").unwrap_or_default(),
                    port: p.i32("Port").unwrap_or(0),
                    protocol,
                    ssl_policy,
                    default_actions: p.children("DefaultActions").iter().map(action).collect(),
                    ..Default::default()
                },
            )
        }
        "AWS::ElasticLoadBalancingV2::TargetGroup" => {
            let target_type = p.text("TargetType").unwrap_or_else(|| "instance".into());
            let lambda = target_type == "lambda";
            let protocol = p.text("Protocol");
            let matcher = p
                .child("Matcher")
                .and_then(|m| m.text("HttpCode").or_else(|| m.text("GrpcCode")));
            b.push(
                r,
                |i| &mut i.target_groups,
                TargetGroup {
                    arn: r.arn.clone(),
                    name: r.name.clone(),
                    port: p.i32("Port"),
                    vpc_id: p.text("VpcId"),
                    health_check: HealthCheck {
                        enabled: p.flag("HealthCheckEnabled").or(Some(!lambda)),
                        path: p.text("HealthCheckPath").or_else(|| Some("/".into())),
                        protocol: p.text("HealthCheckProtocol").or_else(|| protocol.clone()),
                        interval_seconds: p.i32("HealthCheckIntervalSeconds").or(Some(if lambda {
                            35
                        } else {
                            30
                        })),
                        timeout_seconds: p.i32("HealthCheckTimeoutSeconds").or(Some(if lambda {
                            30
                        } else {
                            5
                        })),
                        healthy_threshold: p.i32("HealthyThresholdCount").or(Some(5)),
                        unhealthy_threshold: p.i32("UnhealthyThresholdCount").or(Some(2)),
                        matcher: matcher.or_else(|| Some("200".into())),
                    },
                    protocol,
                    target_type,
                    attributes: attributes(p, "TargetGroupAttributes", target_group_defaults()),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        _ => {}
    }
}

fn action(a: &Props) -> ListenerAction {
    let mut forward: Vec<WeightedTargetGroup> = a
        .child("ForwardConfig")
        .map(|f| {
            (f.children("TargetGroups").iter())
                .filter_map(|t| {
                    Some(WeightedTargetGroup {
                        target_group_arn: t.text("TargetGroupArn")?,
                        weight: t.i32("Weight").unwrap_or(1),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    if forward.is_empty()
        && let Some(arn) = a.text("TargetGroupArn")
    {
        forward.push(WeightedTargetGroup {
            target_group_arn: arn,
            weight: 1,
        });
    }
    ListenerAction {
        action_type: a.text("Type").unwrap_or_default(),
        forward,
        redirect_protocol: a.child("RedirectConfig").and_then(|c| c.text("Protocol")),
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    let p = &r.props;
    if r.kind != "AWS::ElasticLoadBalancingV2::ListenerRule" {
        return;
    }
    let listener = p.text("ListenerArn").unwrap_or_default();
    let conditions = (p.children("Conditions").iter())
        .map(|c| {
            let field = c.text("Field").unwrap_or_default();
            let values = c.texts("Values");
            format!("{field}: {}", values.join(", "))
        })
        .collect();
    let rule = ListenerRule {
        arn: r.arn.clone(),
        priority: p.text("Priority").unwrap_or_default(),
        conditions,
        actions: p.children("Actions").iter().map(action).collect(),
    };
    if let Some(l) = b.inventory.listeners.iter_mut().find(|l| l.arn == listener) {
        l.rules.push(rule);
        b.part(Listener::KIND, &listener, r.logical);
    }
}

/// A load balancer's VPC and zones are its subnets'; a target group serves the load balancers
/// whose listeners forward to it.
pub fn link(b: &mut Builder) {
    let inventory = &mut b.inventory;
    for lb in &mut inventory.load_balancers {
        let subnets: Vec<_> = (inventory.subnets.iter())
            .filter(|s| lb.subnet_ids.contains(&s.id))
            .collect();
        if let Some(first) = subnets.first() {
            lb.vpc_id = first.vpc_id.clone();
        }
        lb.availability_zones = subnets
            .iter()
            .map(|s| s.availability_zone.clone())
            .collect();
    }
    for listener in &inventory.listeners {
        let actions = (listener.default_actions.iter())
            .chain(listener.rules.iter().flat_map(|r| r.actions.iter()));
        for forward in actions.flat_map(|a| a.forward.iter()) {
            if let Some(group) =
                (inventory.target_groups.iter_mut()).find(|g| g.arn == forward.target_group_arn)
                && !group
                    .load_balancer_arns
                    .contains(&listener.load_balancer_arn)
            {
                group
                    .load_balancer_arns
                    .push(listener.load_balancer_arn.clone());
            }
        }
    }
}
