//! Mutations of the multi-environment scenario (seed 003), applied to its prod environment:
//! the alert topic, the dashboard, the SSM hierarchy, peering, instance classes, image tags.

use super::{Stack, output};
use crate::support::revise_service;

pub async fn topic_deleted(stack: &Stack) -> String {
    let topic = &stack.inventory.sns_topics[0];
    stack
        .sns()
        .delete_topic()
        .topic_arn(&topic.arn)
        .send()
        .await
        .unwrap();
    "stack".to_string()
}

pub async fn topic_on_aws_key(stack: &Stack) -> String {
    let topic = &stack.inventory.sns_topics[0];
    stack
        .sns()
        .set_topic_attributes()
        .topic_arn(&topic.arn)
        .attribute_name("KmsMasterKeyId")
        .attribute_value("alias/aws/sns")
        .send()
        .await
        .unwrap();
    topic.name.clone()
}

pub async fn parameters_deleted(stack: &Stack) -> String {
    let names: Vec<String> = stack
        .inventory
        .ssm_parameters
        .iter()
        .map(|p| p.name.clone())
        .collect();
    stack
        .ssm()
        .delete_parameters()
        .set_names(Some(names))
        .send()
        .await
        .unwrap();
    // SSM-001 judges each profiled path.
    "/prod".to_string()
}

pub async fn peerings_deleted(stack: &Stack) -> String {
    for peering in &stack.inventory.vpc_peerings {
        stack
            .ec2()
            .delete_vpc_peering_connection()
            .vpc_peering_connection_id(&peering.id)
            .send()
            .await
            .unwrap();
    }
    output(stack, "VpcId").to_string()
}

/// The route to the first peer deleted from every route table that has one.
pub async fn peering_route_deleted(stack: &Stack) -> String {
    let peering = &stack.inventory.vpc_peerings[0];
    for table in &stack.inventory.route_tables {
        for route in &table.routes {
            if route.vpc_peering_connection_id.as_deref() == Some(peering.id.as_str()) {
                stack
                    .ec2()
                    .delete_route()
                    .route_table_id(&table.id)
                    .set_destination_cidr_block(route.destination_cidr.clone())
                    .send()
                    .await
                    .unwrap();
            }
        }
    }
    peering.id.clone()
}

pub async fn instance_class_changed(stack: &Stack) -> String {
    let instance = stack.inventory.db_instances[0].id.clone();
    stack
        .rds()
        .modify_db_instance()
        .db_instance_identifier(&instance)
        .db_instance_class("db.r6g.large")
        .apply_immediately(true)
        .send()
        .await
        .unwrap();
    instance
}

pub async fn dashboard_emptied(stack: &Stack) -> String {
    let dashboard = &stack.inventory.dashboards[0];
    let body = serde_json::json!({"widgets": [{"type": "text", "x": 0, "y": 0, "width": 6,
        "height": 3, "properties": {"markdown": "nothing charted"}}]});
    stack
        .cloudwatch()
        .put_dashboard()
        .dashboard_name(&dashboard.name)
        .dashboard_body(body.to_string())
        .send()
        .await
        .unwrap();
    // OBS-002 judges each profiled metric.
    "CPUUtilization".to_string()
}

pub async fn image_latest(stack: &Stack) -> String {
    let cluster = stack.inventory.ecs_clusters[0].name.clone();
    let service = stack.inventory.ecs_services[0].name.clone();
    let arn = revise_service(
        &stack.ecs(),
        &cluster,
        &service,
        |c| {
            let image = c.image.clone().unwrap();
            let repository = image.rsplit_once(':').map_or(&image[..], |(r, _)| r);
            c.image = Some(format!("{repository}:latest"));
        },
        |t| t,
    )
    .await;
    super::ecs::family_of(&arn)
}

/// The credential in prod's hierarchy stored again as a plain String.
pub async fn password_in_plain_string(stack: &Stack) -> String {
    let parameter = stack
        .inventory
        .ssm_parameters
        .iter()
        .find(|p| p.parameter_type == "SecureString")
        .unwrap();
    let ssm = stack.ssm();
    ssm.delete_parameter()
        .name(&parameter.name)
        .send()
        .await
        .unwrap();
    ssm.put_parameter()
        .name(&parameter.name)
        .value("generated-at-deploy")
        .r#type(aws_sdk_ssm::types::ParameterType::String)
        .send()
        .await
        .unwrap();
    parameter.name.clone()
}

/// The CPU alarm put again notifying a topic outside the stack (moto has no
/// DisableAlarmActions).
pub async fn alarm_to_foreign_topic(stack: &Stack) -> String {
    let alarm = &stack.inventory.alarms[0];
    stack
        .cloudwatch()
        .put_metric_alarm()
        .alarm_name(&alarm.name)
        .set_namespace(alarm.namespace.clone())
        .set_metric_name(alarm.metric_name.clone())
        .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
        .period(60)
        .evaluation_periods(3)
        .set_threshold(alarm.threshold)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .actions_enabled(true)
        .alarm_actions("arn:aws:sns:us-east-1:210987654321:someone-elses-topic")
        .send()
        .await
        .unwrap();
    alarm.name.clone()
}
