//! Data, key, secret and scaling mutations: Aurora, S3, KMS, Secrets Manager, log groups,
//! Application Auto Scaling.

use aws_sdk_applicationautoscaling::types::{
    MetricType, PredefinedMetricSpecification, ScalableDimension, ServiceNamespace,
    TargetTrackingScalingPolicyConfiguration,
};
use serde_json::json;

use super::{Stack, first_bucket, output};

fn writer(stack: &Stack) -> &stackproof_checks::inventory::DbInstance {
    &stack.inventory.db_instances[0]
}

pub async fn public_instance(stack: &Stack) -> String {
    let instance = writer(stack).id.clone();
    stack
        .rds()
        .modify_db_instance()
        .db_instance_identifier(&instance)
        .publicly_accessible(true)
        .apply_immediately(true)
        .send()
        .await
        .unwrap();
    instance
}

pub async fn x86_instance_class(stack: &Stack) -> String {
    let instance = writer(stack).id.clone();
    stack
        .rds()
        .modify_db_instance()
        .db_instance_identifier(&instance)
        .db_instance_class("db.r5.large")
        .apply_immediately(true)
        .send()
        .await
        .unwrap();
    instance
}

/// One more instance in the cluster, in the writer's zone.
pub async fn extra_instance(stack: &Stack) -> String {
    let cluster = &stack.inventory.db_clusters[0];
    let first = writer(stack);
    stack
        .rds()
        .create_db_instance()
        .db_instance_identifier(format!("{}-extra", cluster.id))
        .db_cluster_identifier(&cluster.id)
        .engine(&cluster.engine)
        .db_instance_class(&first.instance_class)
        .set_availability_zone(first.availability_zone.clone())
        .set_tags(Some(
            cluster
                .tags
                .iter()
                .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build())
                .collect(),
        ))
        .send()
        .await
        .unwrap();
    cluster.id.clone()
}

/// Moves the cluster's DB subnet group to `subnets`. moto's ModifyDBSubnetGroup drops the group
/// from its registry, so it is registered again under its name when it has gone.
async fn reshape_subnet_group(stack: &Stack, subnets: Vec<String>) -> String {
    let cluster = &stack.inventory.db_clusters[0];
    let name = cluster.db_subnet_group.clone().unwrap();
    let rds = stack.rds();
    rds.modify_db_subnet_group()
        .db_subnet_group_name(&name)
        .set_subnet_ids(Some(subnets.clone()))
        .send()
        .await
        .unwrap();
    let gone = rds
        .describe_db_subnet_groups()
        .db_subnet_group_name(&name)
        .send()
        .await
        .is_err();
    if gone {
        let tags = cluster
            .tags
            .iter()
            .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build());
        rds.create_db_subnet_group()
            .db_subnet_group_name(&name)
            .db_subnet_group_description("reshaped by the mutation matrix")
            .set_subnet_ids(Some(subnets))
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .unwrap();
    }
    cluster.id.clone()
}

pub async fn subnet_group_public(stack: &Stack) -> String {
    let subnets = output(stack, "PublicSubnetIds")
        .split(',')
        .map(str::to_string)
        .collect();
    reshape_subnet_group(stack, subnets).await
}

pub async fn subnet_group_two_zones(stack: &Stack) -> String {
    let subnets = stack.inventory.db_clusters[0]
        .subnet_ids
        .iter()
        .take(2)
        .cloned()
        .collect();
    reshape_subnet_group(stack, subnets).await
}

async fn modify_cluster(
    stack: &Stack,
    edit: impl FnOnce(
        aws_sdk_rds::operation::modify_db_cluster::builders::ModifyDBClusterFluentBuilder,
    )
        -> aws_sdk_rds::operation::modify_db_cluster::builders::ModifyDBClusterFluentBuilder,
) -> String {
    let cluster = stack.inventory.db_clusters[0].id.clone();
    edit(
        stack
            .rds()
            .modify_db_cluster()
            .db_cluster_identifier(&cluster)
            .apply_immediately(true),
    )
    .send()
    .await
    .unwrap();
    cluster
}

pub async fn backups_14_days(stack: &Stack) -> String {
    modify_cluster(stack, |m| m.backup_retention_period(14)).await
}

pub async fn backups_1_day(stack: &Stack) -> String {
    modify_cluster(stack, |m| m.backup_retention_period(1)).await
}

/// A minimum of 0 ACU: the cluster pauses when idle and the first connection waits for it.
pub async fn serverless_minimum_zero(stack: &Stack) -> String {
    modify_cluster(stack, |m| {
        m.serverless_v2_scaling_configuration(
            aws_sdk_rds::types::ServerlessV2ScalingConfiguration::builder()
                .min_capacity(0.0)
                .max_capacity(4.0)
                .build(),
        )
    })
    .await
}

pub async fn db_deletion_protection(stack: &Stack) -> String {
    modify_cluster(stack, |m| m.deletion_protection(true)).await
}

pub async fn no_tags_to_snapshots(stack: &Stack) -> String {
    modify_cluster(stack, |m| m.copy_tags_to_snapshot(false)).await
}

// ---- S3 -----------------------------------------------------------------------------------

pub async fn bucket_logging_off(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .put_bucket_logging()
        .bucket(&bucket)
        .bucket_logging_status(aws_sdk_s3::types::BucketLoggingStatus::builder().build())
        .send()
        .await
        .unwrap();
    bucket
}

pub async fn public_read_statement(stack: &Stack) -> String {
    let name = first_bucket(stack);
    let bucket = (stack.inventory.buckets.iter())
        .find(|b| b.name == name)
        .unwrap()
        .clone();
    let mut policy = bucket.policy.clone().unwrap();
    policy["Statement"].as_array_mut().unwrap().push(json!({
        "Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::{}/*", bucket.name)
    }));
    stack
        .s3()
        .put_bucket_policy()
        .bucket(&bucket.name)
        .policy(policy.to_string())
        .send()
        .await
        .unwrap();
    bucket.name
}

/// The logs bucket emptied (it holds delivered access logs) and deleted.
pub async fn bucket_deleted(stack: &Stack) -> String {
    let bucket = output(stack, "LogsBucketName").to_string();
    stackproof_provisioner::teardown::empty_bucket(&stack.s3(), &bucket)
        .await
        .unwrap();
    stack
        .s3()
        .delete_bucket()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    "stack".to_string()
}

pub async fn versioning_suspended(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .put_bucket_versioning()
        .bucket(&bucket)
        .versioning_configuration(
            aws_sdk_s3::types::VersioningConfiguration::builder()
                .status(aws_sdk_s3::types::BucketVersioningStatus::Suspended)
                .build(),
        )
        .send()
        .await
        .unwrap();
    bucket
}

pub async fn default_encryption_removed(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .delete_bucket_encryption()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    bucket
}

// ---- keys, secrets, log groups ------------------------------------------------------------

pub async fn key_open_to_everyone(stack: &Stack) -> String {
    let key = output(stack, "KmsKeyId").to_string();
    let mut policy = stack.inventory.kms_keys[0].policy.clone().unwrap();
    policy["Statement"].as_array_mut().unwrap().push(json!({
        "Sid": "Everyone", "Effect": "Allow", "Principal": {"AWS": "*"},
        "Action": "kms:Decrypt", "Resource": "*"
    }));
    stack
        .kms()
        .put_key_policy()
        .key_id(&key)
        .policy_name("default")
        .policy(policy.to_string())
        .send()
        .await
        .unwrap();
    key
}

pub async fn alias_deleted(stack: &Stack) -> String {
    let key = &stack.inventory.kms_keys[0];
    stack
        .kms()
        .delete_alias()
        .alias_name(&key.aliases[0])
        .send()
        .await
        .unwrap();
    key.id.clone()
}

/// The database credentials' rotation stretched to every 90 days (the profile allows 30).
pub async fn rotation_every_90_days(stack: &Stack) -> String {
    let secret = output(stack, "DbMasterSecretArn");
    stack
        .secrets()
        .rotate_secret()
        .secret_id(secret)
        .rotation_rules(
            aws_sdk_secretsmanager::types::RotationRulesType::builder()
                .automatically_after_days(90)
                .build(),
        )
        .rotate_immediately(false)
        .send()
        .await
        .unwrap();
    (stack.inventory.secrets.iter())
        .find(|s| s.arn == secret)
        .unwrap()
        .name
        .clone()
}

pub async fn secret_on_aws_key(stack: &Stack) -> String {
    let secret = &stack.inventory.secrets[0];
    stack
        .secrets()
        .update_secret()
        .secret_id(&secret.arn)
        .kms_key_id("alias/aws/secretsmanager")
        .send()
        .await
        .unwrap();
    secret.name.clone()
}

pub async fn secret_deleted(stack: &Stack) -> String {
    let secret = &stack.inventory.secrets[0];
    stack
        .secrets()
        .delete_secret()
        .secret_id(&secret.arn)
        .force_delete_without_recovery(true)
        .send()
        .await
        .unwrap();
    // The profile names secrets without the suffix.
    stack.inventory.meta.base_name(&secret.name).to_string()
}

/// moto has no DisassociateKmsKey, so the group is recreated without a key (retention and
/// tags kept).
pub async fn log_group_unencrypted(stack: &Stack) -> String {
    let group = stack
        .inventory
        .log_groups
        .iter()
        .find(|g| g.kms_key_id.is_some())
        .unwrap();
    let logs = stack.logs();
    logs.delete_log_group()
        .log_group_name(&group.name)
        .send()
        .await
        .unwrap();
    logs.create_log_group()
        .log_group_name(&group.name)
        .set_tags(Some(group.tags.clone().into_iter().collect()))
        .send()
        .await
        .unwrap();
    if let Some(days) = group.retention_days {
        logs.put_retention_policy()
            .log_group_name(&group.name)
            .retention_in_days(days)
            .send()
            .await
            .unwrap();
    }
    group.name.clone()
}

pub async fn log_group_deleted(stack: &Stack) -> String {
    let group = output(stack, "EcsLogGroupName").to_string();
    stack
        .logs()
        .delete_log_group()
        .log_group_name(&group)
        .send()
        .await
        .unwrap();
    // The profile asks for a group under the service's prefix.
    "/ecs/".to_string()
}

// ---- scaling ------------------------------------------------------------------------------

fn first_scaled(stack: &Stack) -> String {
    let mut ids: Vec<&str> = stack
        .inventory
        .scalable_targets
        .iter()
        .map(|t| t.resource_id.as_str())
        .collect();
    ids.sort();
    ids[0].to_string()
}

/// The first scaled resource and its scaling policy.
fn first_scaled_policy(stack: &Stack) -> (String, &stackproof_checks::inventory::ScalingPolicy) {
    let resource = first_scaled(stack);
    let policy = stack
        .inventory
        .scaling_policies
        .iter()
        .find(|p| p.resource_id == resource)
        .unwrap();
    (resource, policy)
}

pub async fn target_deregistered(stack: &Stack) -> String {
    let resource = first_scaled(stack);
    stack
        .scaling()
        .deregister_scalable_target()
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(&resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
        .send()
        .await
        .unwrap();
    resource.rsplit('/').next().unwrap().to_string()
}

pub async fn max_20(stack: &Stack) -> String {
    let resource = first_scaled(stack);
    stack
        .scaling()
        .register_scalable_target()
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(&resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
        .min_capacity(2)
        .max_capacity(20)
        .send()
        .await
        .unwrap();
    resource
}

pub async fn policy_deleted(stack: &Stack) -> String {
    let (resource, policy) = first_scaled_policy(stack);
    stack
        .scaling()
        .delete_scaling_policy()
        .policy_name(&policy.name)
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(&resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
        .send()
        .await
        .unwrap();
    resource
}

pub async fn target_value_95(stack: &Stack) -> String {
    let (resource, policy) = first_scaled_policy(stack);
    stack
        .scaling()
        .put_scaling_policy()
        .policy_name(&policy.name)
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(&resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
        .policy_type(aws_sdk_applicationautoscaling::types::PolicyType::TargetTrackingScaling)
        .target_tracking_scaling_policy_configuration(
            TargetTrackingScalingPolicyConfiguration::builder()
                .target_value(95.0)
                .predefined_metric_specification(
                    PredefinedMetricSpecification::builder()
                        .predefined_metric_type(MetricType::EcsServiceAverageCpuUtilization)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    policy.name.clone()
}

pub async fn desired_above_max(stack: &Stack) -> String {
    let resource = first_scaled(stack);
    let mut parts = resource.split('/').skip(1);
    let (cluster, service) = (parts.next().unwrap(), parts.next().unwrap());
    stack
        .ecs()
        .update_service()
        .cluster(cluster)
        .service(service)
        .desired_count(15)
        .send()
        .await
        .unwrap();
    service.to_string()
}

pub async fn glacier_rule_removed(stack: &Stack) -> String {
    let bucket = stack
        .inventory
        .buckets
        .iter()
        .find(|b| b.lifecycle_rules.iter().any(|r| !r.transitions.is_empty()))
        .unwrap()
        .name
        .clone();
    stack
        .s3()
        .delete_bucket_lifecycle()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    bucket
}

pub async fn logs_bucket_deleted(stack: &Stack) -> String {
    bucket_deleted(stack).await;
    output(stack, "LogsBucketName").to_string()
}
