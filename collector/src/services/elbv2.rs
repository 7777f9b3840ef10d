//! Elastic Load Balancing v2: load balancers (by ARN or DNS name), their attributes, listeners
//! and target groups.

use std::collections::{BTreeMap, BTreeSet};

use futures::future::join_all;
use stackproof_checks::inventory::{
    FetchError, FetchErrors, HealthCheck, Listener, ListenerAction, ListenerRule, LoadBalancer,
    MissingResource, Tags, TargetGroup, WeightedTargetGroup,
};

use super::{tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

#[derive(Debug, Default, Clone)]
pub struct Edge {
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub target_groups: Vec<TargetGroup>,
    pub missing: Vec<MissingResource>,
}

/// `refs` are ARNs or DNS names; one paginated listing finds them all.
pub async fn collect(clients: &Clients, refs: &BTreeSet<String>) -> Edge {
    let mut edge = Edge::default();
    if refs.is_empty() {
        return edge;
    }
    let elb = &clients.elb;
    let listed: Result<Vec<_>, _> = elb
        .describe_load_balancers()
        .into_paginator()
        .items()
        .send()
        .collect()
        .await;
    let all = match listed {
        Ok(all) => all,
        Err(error) => {
            let error = fetch_error("elasticloadbalancing:DescribeLoadBalancers", &error);
            edge.load_balancers = refs
                .iter()
                .map(|r| LoadBalancer {
                    name: r.clone(),
                    errors: [("*".to_string(), error.clone())].into(),
                    ..LoadBalancer::default()
                })
                .collect();
            return edge;
        }
    };
    let wanted = |lb: &&aws_sdk_elasticloadbalancingv2::types::LoadBalancer| {
        refs.iter().any(|r| {
            Some(r.as_str()) == lb.load_balancer_arn()
                || lb.dns_name().is_some_and(|dns| dns.eq_ignore_ascii_case(r))
        })
    };
    let found: Vec<_> = all.iter().filter(wanted).collect();
    for reference in refs {
        let present = found.iter().any(|lb| {
            Some(reference.as_str()) == lb.load_balancer_arn()
                || lb
                    .dns_name()
                    .is_some_and(|d| d.eq_ignore_ascii_case(reference))
        });
        if !present {
            edge.missing.push(MissingResource {
                kind: "load-balancer".into(),
                id: reference.clone(),
                output_key: None,
                operation: "elasticloadbalancing:DescribeLoadBalancers".into(),
            });
        }
    }
    // The balancers' tags are asked with their details; their groups' tags with the groups'.
    let balancer_arns = found
        .iter()
        .map(|lb| text(lb.load_balancer_arn()))
        .collect();
    let (details, balancer_tags) = tokio::join!(
        join_all(found.iter().map(|lb| load_balancer(clients, lb))),
        tags_of(elb, balancer_arns)
    );
    for (mut lb, listeners, groups) in details {
        apply_tags(
            &balancer_tags,
            std::iter::once((&lb.arn, &mut lb.tags, &mut lb.errors)),
        );
        edge.load_balancers.push(lb);
        edge.listeners.extend(listeners);
        edge.target_groups.extend(groups);
    }
    edge
}

/// Target groups named by ARN that no collected load balancer led to (an output naming a group no
/// listener uses, a service registering into one): described one by one, so a group that is gone
/// is reported missing without hiding the others.
pub async fn target_groups(clients: &Clients, arns: &BTreeSet<String>) -> Edge {
    let mut edge = Edge::default();
    let described = join_all(arns.iter().map(|arn| {
        clients
            .elb
            .describe_target_groups()
            .target_group_arns(arn)
            .send()
    }))
    .await;
    let mut found = Vec::new();
    for (arn, answer) in arns.iter().zip(described) {
        match answer {
            Ok(output) => match output.target_groups().first() {
                Some(group) => found.push(group.clone()),
                None => edge.missing.push(missing_group(arn)),
            },
            Err(error) if is_not_found(&error) => edge.missing.push(missing_group(arn)),
            Err(error) => edge.target_groups.push(TargetGroup {
                arn: arn.clone(),
                name: arn.rsplit('/').nth(1).unwrap_or(arn).to_string(),
                errors: [(
                    "*".to_string(),
                    fetch_error("elasticloadbalancing:DescribeTargetGroups", &error),
                )]
                .into(),
                ..TargetGroup::default()
            }),
        }
    }
    edge.target_groups
        .extend(target_groups_with_tags(clients, &found).await);
    edge
}

fn missing_group(arn: &str) -> MissingResource {
    MissingResource::named(
        "target-group",
        arn,
        "elasticloadbalancing:DescribeTargetGroups",
    )
}

/// Groups with their attributes and, asked at the same time, their tags.
async fn target_groups_with_tags(
    clients: &Clients,
    groups: &[aws_sdk_elasticloadbalancingv2::types::TargetGroup],
) -> Vec<TargetGroup> {
    let arns = groups.iter().map(|g| text(g.target_group_arn())).collect();
    let (mut described, listed) = tokio::join!(
        join_all(groups.iter().map(|g| target_group(clients, g))),
        tags_of(&clients.elb, arns)
    );
    apply_tags(
        &listed,
        (described.iter_mut()).map(|g| (&g.arn, &mut g.tags, &mut g.errors)),
    );
    described
}

/// Tags by ARN, or the failure of the listing; `DescribeTags` takes 20 ARNs a call.
type TagsByArn = Result<BTreeMap<String, Tags>, FetchError>;

async fn tags_of(elb: &aws_sdk_elasticloadbalancingv2::Client, arns: Vec<String>) -> TagsByArn {
    let arns: Vec<String> = arns.into_iter().filter(|arn| !arn.is_empty()).collect();
    let batches = arns.chunks(20).map(|batch| {
        elb.describe_tags()
            .set_resource_arns(Some(batch.to_vec()))
            .send()
    });
    let mut found = BTreeMap::new();
    for result in join_all(batches).await {
        let output =
            result.map_err(|error| fetch_error("elasticloadbalancing:DescribeTags", &error))?;
        for description in output.tag_descriptions() {
            let pairs = description.tags().iter().map(|t| (t.key(), t.value()));
            found.insert(text(description.resource_arn()), tags(pairs));
        }
    }
    Ok(found)
}

/// Sets each resource's tags from `listed` (or its `tags` error).
fn apply_tags<'r>(
    listed: &TagsByArn,
    resources: impl Iterator<Item = (&'r String, &'r mut Tags, &'r mut FetchErrors)>,
) {
    for (arn, tags, errors) in resources {
        match listed {
            Ok(found) => *tags = found.get(arn).cloned().unwrap_or_default(),
            Err(error) => {
                errors.insert("tags".into(), error.clone());
            }
        }
    }
}

async fn load_balancer(
    clients: &Clients,
    lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer,
) -> (LoadBalancer, Vec<Listener>, Vec<TargetGroup>) {
    let elb = &clients.elb;
    let arn = text(lb.load_balancer_arn());
    let mut errors = FetchErrors::new();
    let (attributes, listeners, groups) = tokio::join!(
        elb.describe_load_balancer_attributes()
            .load_balancer_arn(&arn)
            .send(),
        elb.describe_listeners()
            .load_balancer_arn(&arn)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        elb.describe_target_groups()
            .load_balancer_arn(&arn)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
    );
    let attributes = match attributes {
        Ok(output) => output
            .attributes()
            .iter()
            .filter_map(|a| Some((a.key()?.to_string(), text(a.value()))))
            .collect(),
        Err(error) => {
            errors.insert(
                "attributes".into(),
                fetch_error(
                    "elasticloadbalancing:DescribeLoadBalancerAttributes",
                    &error,
                ),
            );
            Default::default()
        }
    };
    // A listener's rules, and a group's attributes and tags, are asked all at once.
    let listeners = async {
        match listeners {
            Ok(listeners) => {
                Ok(join_all(listeners.iter().map(|l| listener_with_rules(clients, l))).await)
            }
            Err(error) => Err(fetch_error(
                "elasticloadbalancing:DescribeListeners",
                &error,
            )),
        }
    };
    let groups = async {
        match groups {
            Ok(groups) => Ok(target_groups_with_tags(clients, &groups).await),
            Err(error) => Err(fetch_error(
                "elasticloadbalancing:DescribeTargetGroups",
                &error,
            )),
        }
    };
    let (listeners, groups) = tokio::join!(listeners, groups);
    let listeners = listeners.unwrap_or_else(|error| {
        errors.insert("listeners".into(), error);
        Vec::new()
    });
    let groups = groups.unwrap_or_else(|error| {
        errors.insert("target_groups".into(), error);
        Vec::new()
    });
    let balancer = LoadBalancer {
        arn,
        name: text(lb.load_balancer_name()),
        dns_name: text(lb.dns_name()),
        lb_type: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        scheme: lb
            .scheme()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        ip_address_type: lb
            .ip_address_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        vpc_id: text(lb.vpc_id()),
        subnet_ids: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.subnet_id().map(str::to_string))
            .collect(),
        availability_zones: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.zone_name().map(str::to_string))
            .collect(),
        security_group_ids: lb.security_groups().to_vec(),
        attributes,
        tags: Default::default(),
        errors,
    };
    (balancer, listeners, groups)
}

/// A listener with its non-default rules (`DescribeRules`, one call per listener).
async fn listener_with_rules(
    clients: &Clients,
    l: &aws_sdk_elasticloadbalancingv2::types::Listener,
) -> Listener {
    let arn = text(l.listener_arn());
    let mut errors = FetchErrors::new();
    let rules = match clients.elb.describe_rules().listener_arn(&arn).send().await {
        Ok(output) => output
            .rules()
            .iter()
            .filter(|r| r.is_default() != Some(true))
            .map(|r| ListenerRule {
                arn: text(r.rule_arn()),
                priority: text(r.priority()),
                conditions: r
                    .conditions()
                    .iter()
                    .map(|c| format!("{}={}", text(c.field()), c.values().join(",")))
                    .collect(),
                actions: r.actions().iter().map(action).collect(),
            })
            .collect(),
        Err(error) => {
            errors.insert(
                "rules".into(),
                fetch_error("elasticloadbalancing:DescribeRules", &error),
            );
            Vec::new()
        }
    };
    Listener {
        arn,
        load_balancer_arn: text(l.load_balancer_arn()),
        port: l.port().unwrap_or_default(),
        protocol: l
            .protocol()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        ssl_policy: l.ssl_policy().map(str::to_string),
        default_actions: l.default_actions().iter().map(action).collect(),
        rules,
        errors,
    }
}

/// A forward (plain, or weighted over several target groups), redirect or fixed response.
fn action(a: &aws_sdk_elasticloadbalancingv2::types::Action) -> ListenerAction {
    let weighted: Vec<WeightedTargetGroup> = a
        .forward_config()
        .map(|f| {
            f.target_groups()
                .iter()
                .map(|t| WeightedTargetGroup {
                    target_group_arn: text(t.target_group_arn()),
                    weight: t.weight().unwrap_or(1),
                })
                .collect()
        })
        .unwrap_or_default();
    let forward = match (weighted.is_empty(), a.target_group_arn()) {
        (true, Some(arn)) => vec![WeightedTargetGroup {
            target_group_arn: arn.to_string(),
            weight: 1,
        }],
        _ => weighted,
    };
    ListenerAction {
        action_type: a
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        forward,
        redirect_protocol: a
            .redirect_config()
            .and_then(|r| r.protocol().map(str::to_string)),
    }
}

async fn target_group(
    clients: &Clients,
    g: &aws_sdk_elasticloadbalancingv2::types::TargetGroup,
) -> TargetGroup {
    let arn = text(g.target_group_arn());
    let mut errors = FetchErrors::new();
    let attributes = match clients
        .elb
        .describe_target_group_attributes()
        .target_group_arn(&arn)
        .send()
        .await
    {
        Ok(output) => output
            .attributes()
            .iter()
            .filter_map(|a| Some((a.key()?.to_string(), text(a.value()))))
            .collect(),
        Err(error) => {
            errors.insert(
                "attributes".into(),
                fetch_error("elasticloadbalancing:DescribeTargetGroupAttributes", &error),
            );
            Default::default()
        }
    };
    TargetGroup {
        arn,
        name: text(g.target_group_name()),
        protocol: g.protocol().map(|p| p.as_str().to_string()),
        port: g.port(),
        target_type: g
            .target_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        vpc_id: g.vpc_id().map(str::to_string),
        load_balancer_arns: g.load_balancer_arns().to_vec(),
        health_check: HealthCheck {
            enabled: g.health_check_enabled(),
            path: g.health_check_path().map(str::to_string),
            protocol: g.health_check_protocol().map(|p| p.as_str().to_string()),
            interval_seconds: g.health_check_interval_seconds(),
            timeout_seconds: g.health_check_timeout_seconds(),
            healthy_threshold: g.healthy_threshold_count(),
            unhealthy_threshold: g.unhealthy_threshold_count(),
            matcher: g.matcher().and_then(|m| m.http_code().map(str::to_string)),
        },
        attributes,
        tags: Default::default(),
        errors,
    }
}
