//! RDS/Aurora: clusters (by identifier), their instances and DB subnet groups.

use std::collections::BTreeSet;

use aws_sdk_rds::types::Filter;
use futures::future::join_all;
use stackproof_checks::inventory::{DbCluster, DbInstance, FetchErrors, MissingResource};

use super::{tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

#[derive(Debug, Default)]
pub struct Databases {
    pub clusters: Vec<DbCluster>,
    pub instances: Vec<DbInstance>,
    pub missing: Vec<MissingResource>,
}

pub async fn collect(clients: &Clients, cluster_ids: &BTreeSet<String>) -> Databases {
    let mut databases = Databases::default();
    for (id, result) in join_all(
        cluster_ids
            .iter()
            .map(|id| async move { (id, cluster(clients, id).await) }),
    )
    .await
    {
        match result {
            Ok(Some((cluster, instances))) => {
                databases.clusters.push(cluster);
                databases.instances.extend(instances);
            }
            Ok(None) => databases.missing.push(MissingResource {
                kind: "db-cluster".into(),
                id: id.clone(),
                output_key: None,
                operation: "rds:DescribeDBClusters".into(),
            }),
            Err(error) => databases.clusters.push(DbCluster {
                id: id.clone(),
                errors: [("*".to_string(), error)].into(),
                ..DbCluster::default()
            }),
        }
    }
    databases
}

type ClusterWithInstances = Option<(DbCluster, Vec<DbInstance>)>;

async fn cluster(
    clients: &Clients,
    id: &str,
) -> Result<ClusterWithInstances, stackproof_checks::inventory::FetchError> {
    let rds = &clients.rds;
    let output = match rds
        .describe_db_clusters()
        .db_cluster_identifier(id)
        .send()
        .await
    {
        Ok(output) => output,
        Err(error) if error.as_service_error().is_some_and(is_not_found) => return Ok(None),
        Err(error) => return Err(fetch_error("rds:DescribeDBClusters", &error)),
    };
    let Some(c) = output.db_clusters().first() else {
        return Ok(None);
    };
    let mut errors = FetchErrors::new();
    let filter = Filter::builder().name("db-cluster-id").values(id).build();
    let (instances, subnet_group) = tokio::join!(
        rds.describe_db_instances()
            .filters(filter)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        async {
            match c.db_subnet_group() {
                Some(name) => Some(
                    rds.describe_db_subnet_groups()
                        .db_subnet_group_name(name)
                        .send()
                        .await,
                ),
                None => None,
            }
        }
    );
    let instances: Vec<DbInstance> = match instances {
        Ok(instances) => instances.iter().map(|i| instance(i, id)).collect(),
        Err(error) => {
            errors.insert(
                "members".into(),
                fetch_error("rds:DescribeDBInstances", &error),
            );
            Vec::new()
        }
    };
    let subnet_ids = match subnet_group {
        Some(Ok(output)) => output
            .db_subnet_groups()
            .iter()
            .flat_map(|g| g.subnets())
            .filter_map(|s| s.subnet_identifier().map(str::to_string))
            .collect(),
        Some(Err(error)) => {
            errors.insert(
                "subnet_ids".into(),
                fetch_error("rds:DescribeDBSubnetGroups", &error),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    let cluster = DbCluster {
        id: text(c.db_cluster_identifier()),
        arn: text(c.db_cluster_arn()),
        engine: text(c.engine()),
        engine_version: text(c.engine_version()),
        engine_mode: c.engine_mode().map(str::to_string),
        storage_encrypted: c.storage_encrypted().unwrap_or(false),
        kms_key_id: c.kms_key_id().map(str::to_string),
        backup_retention_days: c.backup_retention_period(),
        deletion_protection: c.deletion_protection().unwrap_or(false),
        iam_database_authentication: c.iam_database_authentication_enabled().unwrap_or(false),
        copy_tags_to_snapshot: c.copy_tags_to_snapshot().unwrap_or(false),
        master_user_secret: (c.master_user_secret())
            .and_then(|s| s.secret_arn())
            .map(str::to_string),
        db_subnet_group: c.db_subnet_group().map(str::to_string),
        subnet_ids,
        security_group_ids: c
            .vpc_security_groups()
            .iter()
            .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
            .collect(),
        members: c
            .db_cluster_members()
            .iter()
            .filter_map(|m| m.db_instance_identifier().map(str::to_string))
            .collect(),
        writer: c
            .db_cluster_members()
            .iter()
            .find(|m| m.is_cluster_writer() == Some(true))
            .and_then(|m| m.db_instance_identifier().map(str::to_string)),
        endpoint: c.endpoint().map(str::to_string),
        reader_endpoint: c.reader_endpoint().map(str::to_string),
        port: c.port(),
        serverless_v2_min_acu: c
            .serverless_v2_scaling_configuration()
            .and_then(|s| s.min_capacity()),
        serverless_v2_max_acu: c
            .serverless_v2_scaling_configuration()
            .and_then(|s| s.max_capacity()),
        cloudwatch_logs_exports: c.enabled_cloudwatch_logs_exports().to_vec(),
        tags: tags(c.tag_list().iter().map(|t| (t.key(), t.value()))),
        errors,
    };
    Ok(Some((cluster, instances)))
}

fn instance(i: &aws_sdk_rds::types::DbInstance, cluster_id: &str) -> DbInstance {
    DbInstance {
        id: text(i.db_instance_identifier()),
        arn: text(i.db_instance_arn()),
        cluster_id: Some(i.db_cluster_identifier().unwrap_or(cluster_id).to_string()),
        instance_class: text(i.db_instance_class()),
        engine: text(i.engine()),
        availability_zone: i.availability_zone().map(str::to_string),
        publicly_accessible: i.publicly_accessible().unwrap_or(false),
        storage_encrypted: i.storage_encrypted().unwrap_or(false),
        kms_key_id: i.kms_key_id().map(str::to_string),
        tags: tags(i.tag_list().iter().map(|t| (t.key(), t.value()))),
        errors: FetchErrors::new(),
    }
}
