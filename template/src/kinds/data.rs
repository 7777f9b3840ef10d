//! Aurora clusters and instances with their subnet groups; S3 buckets and bucket policies.
//! A bucket the template leaves unconfigured has what AWS gives every new bucket since 2023:
//! SSE-S3 encryption, all four public access blocks, ACLs disabled (BucketOwnerEnforced).

use stackproof_checks::inventory::{
    Bucket, BucketEncryption, DbCluster, DbInstance, LifecycleRule, LifecycleTransition,
    PublicAccessBlock, Resource, Secret,
};

use crate::build::{Builder, Res};

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::RDS::DBSubnetGroup" => {
            b.subnet_groups
                .insert(r.name.to_ascii_lowercase(), p.texts("SubnetIds"));
        }
        "AWS::RDS::DBCluster" => {
            let managed_password = p.flag("ManageMasterUserPassword") == Some(true);
            if managed_password {
                managed_secret(b, r);
            }
            let serverless = p.child("ServerlessV2ScalingConfiguration");
            let engine_mode = p.text("EngineMode").or_else(|| Some("provisioned".into()));
            b.push(
                r,
                |i| &mut i.db_clusters,
                DbCluster {
                    id: r.name.to_ascii_lowercase(),
                    arn: r.arn.clone(),
                    engine: p.text("Engine").unwrap_or_default(),
                    engine_version: p.text("EngineVersion").unwrap_or_default(),
                    // Serverless v1 clusters are always encrypted.
                    storage_encrypted: p
                        .flag("StorageEncrypted")
                        .unwrap_or(engine_mode.as_deref() == Some("serverless")),
                    engine_mode,
                    kms_key_id: p.text("KmsKeyId"),
                    backup_retention_days: p.i32("BackupRetentionPeriod").or(Some(1)),
                    deletion_protection: p.flag("DeletionProtection").unwrap_or(false),
                    iam_database_authentication: p
                        .flag("EnableIAMDatabaseAuthentication")
                        .unwrap_or(false),
                    db_subnet_group: p.text("DBSubnetGroupName").map(|n| n.to_ascii_lowercase()),
                    security_group_ids: p.texts("VpcSecurityGroupIds"),
                    port: p.i32("Port").or_else(|| default_port(&p.text("Engine")?)),
                    serverless_v2_min_acu: serverless.and_then(|s| s.float("MinCapacity")),
                    serverless_v2_max_acu: serverless.and_then(|s| s.float("MaxCapacity")),
                    cloudwatch_logs_exports: p.texts("EnableCloudwatchLogsExports"),
                    copy_tags_to_snapshot: p.flag("CopyTagsToSnapshot").unwrap_or(false),
                    master_user_secret: managed_password
                        .then(|| r.attribute("MasterUserSecret.SecretArn")),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::RDS::DBInstance" => b.push(
            r,
            |i| &mut i.db_instances,
            DbInstance {
                id: r.name.to_ascii_lowercase(),
                arn: r.arn.clone(),
                cluster_id: p
                    .text("DBClusterIdentifier")
                    .map(|c| c.to_ascii_lowercase()),
                instance_class: p.text("DBInstanceClass").unwrap_or_default(),
                engine: p.text("Engine").unwrap_or_default(),
                availability_zone: p.text("AvailabilityZone"),
                publicly_accessible: p.flag("PubliclyAccessible").unwrap_or(false),
                storage_encrypted: p.flag("StorageEncrypted").unwrap_or(false),
                kms_key_id: p.text("KmsKeyId"),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::S3::Bucket" => {
            let rule = p.child("BucketEncryption").and_then(|e| {
                e.children("ServerSideEncryptionConfiguration")
                    .into_iter()
                    .next()
            });
            let encryption = match rule {
                Some(rule) => {
                    let default = rule.child("ServerSideEncryptionByDefault");
                    BucketEncryption {
                        algorithm: default
                            .and_then(|d| d.text("SSEAlgorithm"))
                            .unwrap_or_else(|| "AES256".into()),
                        kms_key_id: default.and_then(|d| d.text("KMSMasterKeyID")),
                        bucket_key_enabled: rule.flag("BucketKeyEnabled").unwrap_or(false),
                    }
                }
                None => BucketEncryption {
                    algorithm: "AES256".into(),
                    ..Default::default()
                },
            };
            let block = p.child("PublicAccessBlockConfiguration");
            let blocked = |key: &str| block.is_none_or(|b| b.flag(key).unwrap_or(false));
            let lifecycle_rules = (p.child("LifecycleConfiguration").into_iter())
                .flat_map(|l| l.children("Rules"))
                .map(|rule| {
                    let mut transitions: Vec<LifecycleTransition> =
                        (rule.children("Transitions").iter())
                            .map(|t| LifecycleTransition {
                                days: t.i32("TransitionInDays"),
                                storage_class: t.text("StorageClass").unwrap_or_default(),
                            })
                            .collect();
                    if let Some(t) = rule.child("Transition") {
                        transitions.push(LifecycleTransition {
                            days: t.i32("TransitionInDays"),
                            storage_class: t.text("StorageClass").unwrap_or_default(),
                        });
                    }
                    LifecycleRule {
                        id: rule.text("Id"),
                        enabled: rule.text("Status").as_deref() == Some("Enabled"),
                        transitions,
                        expiration_days: rule.i32("ExpirationInDays"),
                    }
                })
                .collect();
            let ownership = (p.child("OwnershipControls").into_iter())
                .flat_map(|o| o.children("Rules"))
                .find_map(|rule| rule.text("ObjectOwnership"));
            b.push(
                r,
                |i| &mut i.buckets,
                Bucket {
                    name: r.name.clone(),
                    encryption: Some(encryption),
                    versioning: p
                        .child("VersioningConfiguration")
                        .and_then(|v| v.text("Status")),
                    public_access_block: Some(PublicAccessBlock {
                        block_public_acls: blocked("BlockPublicAcls"),
                        ignore_public_acls: blocked("IgnorePublicAcls"),
                        block_public_policy: blocked("BlockPublicPolicy"),
                        restrict_public_buckets: blocked("RestrictPublicBuckets"),
                    }),
                    lifecycle_rules,
                    object_ownership: ownership.or_else(|| Some("BucketOwnerEnforced".into())),
                    logging_target: p
                        .child("LoggingConfiguration")
                        .and_then(|l| l.text("DestinationBucketName")),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        _ => {}
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    let p = &r.props;
    if r.kind == "AWS::S3::BucketPolicy" {
        let bucket = p.reference("Bucket").unwrap_or_default();
        let document = p.document("PolicyDocument");
        if let Some(found) = b.inventory.buckets.iter_mut().find(|x| x.name == bucket) {
            found.policy = document;
            b.part(Bucket::KIND, &bucket, r.logical);
        }
    }
}

/// The master user secret RDS creates and rotates for a cluster with
/// `ManageMasterUserPassword` (Aurora User Guide, "Password management with Amazon Aurora and
/// AWS Secrets Manager"): encrypted with `MasterUserSecret.KmsKeyId` (else the account's
/// `aws/secretsmanager` key), rotated by RDS every seven days unless changed through the Secrets
/// Manager API, which a template cannot declare.
fn managed_secret(b: &mut Builder, r: &Res) {
    let arn = r.attribute("MasterUserSecret.SecretArn");
    let name = crate::physical::managed_secret_name(r.logical);
    b.inventory.secrets.push(Secret {
        arn: arn.clone(),
        name: name.clone(),
        kms_key_id: (r.props.child("MasterUserSecret")).and_then(|s| s.text("KmsKeyId")),
        rotation_enabled: true,
        rotation_days: Some(7),
        rotation_schedule: Some("rate(7 days)".into()),
        owning_service: Some("rds".into()),
        ..Default::default()
    });
    b.origin(
        Secret::KIND,
        &name,
        &crate::physical::implicit_logical(r.logical, "MasterUserSecret"),
    );
}

/// The port AWS gives a cluster that names none (RDS API, CreateDBCluster: 3306 for MySQL
/// engines, 5432 for PostgreSQL ones).
fn default_port(engine: &str) -> Option<i32> {
    match engine {
        e if e.contains("postgres") => Some(5432),
        e if e.contains("mysql") || e == "aurora" => Some(3306),
        _ => None,
    }
}

/// A cluster's members are the instances naming it (the first its writer, as AWS picks one);
/// its subnets are its subnet group's.
pub fn link(b: &mut Builder) {
    let inventory = &mut b.inventory;
    for cluster in &mut inventory.db_clusters {
        cluster.members = (inventory.db_instances.iter())
            .filter(|i| i.cluster_id.as_deref() == Some(cluster.id.as_str()))
            .map(|i| i.id.clone())
            .collect();
        cluster.writer = cluster.members.first().cloned();
        if let Some(group) = &cluster.db_subnet_group {
            cluster.subnet_ids = b.subnet_groups.get(group).cloned().unwrap_or_default();
        }
    }
    for instance in &mut inventory.db_instances {
        let cluster = (instance.cluster_id.as_deref())
            .and_then(|id| inventory.db_clusters.iter().find(|c| c.id == id));
        if let Some(cluster) = cluster {
            // Instances of an Aurora cluster are encrypted with the cluster's storage.
            instance.storage_encrypted = cluster.storage_encrypted;
            instance.kms_key_id = instance
                .kms_key_id
                .clone()
                .or_else(|| cluster.kms_key_id.clone());
        }
    }
}
