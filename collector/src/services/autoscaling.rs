//! Application Auto Scaling: the ECS services' scalable targets and scaling policies.

use std::collections::BTreeSet;

use aws_sdk_applicationautoscaling::types::ServiceNamespace;
use stackproof_checks::inventory::{FetchErrors, ScalableTarget, ScalingPolicy};

use crate::clients::Clients;
use crate::failure::fetch_error;

#[derive(Debug, Default)]
pub struct Scaling {
    pub targets: Vec<ScalableTarget>,
    pub policies: Vec<ScalingPolicy>,
}

/// `resource_ids` are `service/<cluster>/<service>`; one listing per kind, filtered by id.
pub async fn collect(clients: &Clients, resource_ids: &BTreeSet<String>) -> Scaling {
    let mut scaling = Scaling::default();
    if resource_ids.is_empty() {
        return scaling;
    }
    let aas = &clients.autoscaling;
    let ids: Vec<String> = resource_ids.iter().cloned().collect();
    let (targets, policies) = tokio::join!(
        aas.describe_scalable_targets()
            .service_namespace(ServiceNamespace::Ecs)
            .set_resource_ids(Some(ids))
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        aas.describe_scaling_policies()
            .service_namespace(ServiceNamespace::Ecs)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
    );
    match targets {
        Ok(targets) => {
            scaling.targets = targets
                .iter()
                .map(|t| ScalableTarget {
                    resource_id: t.resource_id().to_string(),
                    scalable_dimension: t.scalable_dimension().as_str().to_string(),
                    min_capacity: Some(t.min_capacity()),
                    max_capacity: Some(t.max_capacity()),
                    errors: FetchErrors::new(),
                })
                .collect()
        }
        Err(error) => {
            let error = fetch_error("application-autoscaling:DescribeScalableTargets", &error);
            scaling.targets = resource_ids
                .iter()
                .map(|id| ScalableTarget {
                    resource_id: id.clone(),
                    errors: [("*".to_string(), error.clone())].into(),
                    ..ScalableTarget::default()
                })
                .collect();
        }
    }
    if let Ok(policies) = policies {
        scaling.policies = policies
            .iter()
            .filter(|p| resource_ids.contains(p.resource_id()))
            .map(|p| {
                let tracking = p.target_tracking_scaling_policy_configuration();
                ScalingPolicy {
                    name: p.policy_name().to_string(),
                    arn: p.policy_arn().to_string(),
                    resource_id: p.resource_id().to_string(),
                    policy_type: p.policy_type().as_str().to_string(),
                    target_value: tracking.map(|t| t.target_value()),
                    predefined_metric: tracking
                        .and_then(|t| t.predefined_metric_specification())
                        .map(|m| m.predefined_metric_type().as_str().to_string()),
                    errors: FetchErrors::new(),
                }
            })
            .collect();
    } else if let Err(error) = policies {
        let error = fetch_error("application-autoscaling:DescribeScalingPolicies", &error);
        for target in &mut scaling.targets {
            target.errors.insert("policies".into(), error.clone());
        }
    }
    scaling
}

/// `arn:aws:ecs:r:a:service/cluster/name` → `service/cluster/name`.
pub fn resource_id(service_arn: &str) -> Option<String> {
    service_arn
        .split_once(":service/")
        .map(|(_, rest)| format!("service/{rest}"))
        .filter(|id| id.matches('/').count() == 2)
}
