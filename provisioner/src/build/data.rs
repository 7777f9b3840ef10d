//! Log groups, S3 buckets, Aurora.

use aws_sdk_s3::types::{
    BucketVersioningStatus, PublicAccessBlockConfiguration, ServerSideEncryption,
    ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration, ServerSideEncryptionRule,
    VersioningConfiguration,
};

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;
use crate::wait::Asynchronous;

/// How an Aurora cluster is built.
#[derive(Debug, Clone)]
pub struct AuroraSpec<'a> {
    pub base: &'a str,
    pub subnets: &'a [String],
    pub security_group: &'a str,
    pub key: &'a str,
    pub backup_retention_days: i32,
    /// Instance classes, one instance each (the first becomes the writer).
    pub instances: &'a [&'a str],
    /// Zones for the instances, cycled.
    pub zones: &'a [String],
    /// Aurora Serverless v2 capacity range in ACUs (instances then use `db.serverless`).
    pub serverless_v2: Option<(f64, f64)>,
    /// Accept IAM database authentication (tokens instead of passwords).
    pub iam_authentication: bool,
    /// Rotate the master user secret (which RDS keeps in Secrets Manager, on `key`) every so
    /// many days, and tag it like the stack's own resources.
    pub secret_rotation_days: Option<i64>,
}

/// A built Aurora cluster.
#[derive(Debug, Clone)]
pub struct Aurora {
    /// The cluster's (writer) endpoint.
    pub endpoint: String,
    /// The ARN of the master user secret RDS manages in Secrets Manager.
    pub master_secret: String,
}

impl Builder {
    /// A log group with a retention period, encrypted with `key` when given.
    pub async fn log_group(
        &mut self,
        name: &str,
        retention_days: i32,
        key: Option<&str>,
    ) -> Result<String, ProvisionError> {
        let mut create = self.logs.create_log_group().log_group_name(name);
        for (k, v) in self.tags(name) {
            create = create.tags(k, v);
        }
        if let Some(key) = key {
            create = create.kms_key_id(key);
        }
        create.send().await.map_err(failed(name))?;
        self.record(Kind::LogGroup, name, &[])?;
        self.logs
            .put_retention_policy()
            .log_group_name(name)
            .retention_in_days(retention_days)
            .send()
            .await
            .map_err(failed(name))?;
        Ok(name.to_string())
    }

    /// A private bucket: SSE-KMS with `key`, all public access blocked, ACLs disabled (owner
    /// enforced), TLS-only policy, versioning, a lifecycle rule for incomplete uploads.
    pub async fn bucket(&mut self, base: &str, key: &str) -> Result<String, ProvisionError> {
        let name = self.name(base);
        self.private_bucket(&name, Some(key), Vec::new()).await
    }

    /// A private bucket for S3 server access logs and load balancer access logs: SSE-S3 (AWS
    /// delivers those logs into no other encryption) and a policy admitting both delivery
    /// services; otherwise as [`Builder::bucket`].
    pub async fn log_bucket(&mut self, base: &str) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let account = self.account().await?;
        let objects = format!("arn:aws:s3:::{name}/*");
        let load_balancers = match elb_log_account(&self.region) {
            Some(account) => serde_json::json!({"AWS": format!("arn:aws:iam::{account}:root")}),
            None => {
                serde_json::json!({"Service": "logdelivery.elasticloadbalancing.amazonaws.com"})
            }
        };
        // The S3 statement comes first: moto reads the statements in order and stumbles on a
        // `Principal: "*"` before it.
        let statements = vec![
            serde_json::json!({
                "Sid": "S3ServerAccessLogs", "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": ["s3:PutObject"], "Resource": objects,
                "Condition": {"StringEquals": {"aws:SourceAccount": account}}
            }),
            serde_json::json!({
                "Sid": "LoadBalancerAccessLogs", "Effect": "Allow", "Principal": load_balancers,
                "Action": ["s3:PutObject"], "Resource": objects
            }),
        ];
        self.private_bucket(&name, None, statements).await
    }

    /// Makes `source` log its server access into `target` under `prefix`.
    pub async fn bucket_logging(
        &mut self,
        source: &str,
        target: &str,
        prefix: &str,
    ) -> Result<(), ProvisionError> {
        let logging = aws_sdk_s3::types::BucketLoggingStatus::builder()
            .logging_enabled(
                aws_sdk_s3::types::LoggingEnabled::builder()
                    .target_bucket(target)
                    .target_prefix(prefix)
                    .build()
                    .map_err(failed(source))?,
            )
            .build();
        self.s3
            .put_bucket_logging()
            .bucket(source)
            .bucket_logging_status(logging)
            .send()
            .await
            .map_err(failed(source))?;
        Ok(())
    }

    /// Creates bucket `name` (SSE-KMS with `key`, else SSE-S3) with `statements` ahead of the
    /// TLS-only one in its policy.
    async fn private_bucket(
        &mut self,
        name: &str,
        key: Option<&str>,
        mut statements: Vec<serde_json::Value>,
    ) -> Result<String, ProvisionError> {
        let name = name.to_string();
        let mut create = self.s3.create_bucket().bucket(&name);
        if self.region != "us-east-1" {
            let constraint =
                aws_sdk_s3::types::BucketLocationConstraint::from(self.region.as_str());
            create = create.create_bucket_configuration(
                aws_sdk_s3::types::CreateBucketConfiguration::builder()
                    .location_constraint(constraint)
                    .build(),
            );
        }
        create.send().await.map_err(failed(&name))?;
        self.record(Kind::Bucket, &name, &[])?;
        let algorithm = match key {
            Some(_) => ServerSideEncryption::AwsKms,
            None => ServerSideEncryption::Aes256,
        };
        let default = ServerSideEncryptionByDefault::builder()
            .sse_algorithm(algorithm)
            .set_kms_master_key_id(key.map(str::to_string))
            .build()
            .map_err(failed(&name))?;
        let encryption = ServerSideEncryptionConfiguration::builder()
            .rules(
                ServerSideEncryptionRule::builder()
                    .apply_server_side_encryption_by_default(default)
                    .bucket_key_enabled(key.is_some())
                    .build(),
            )
            .build()
            .map_err(failed(&name))?;
        self.s3
            .put_bucket_encryption()
            .bucket(&name)
            .server_side_encryption_configuration(encryption)
            .send()
            .await
            .map_err(failed(&name))?;
        let block = PublicAccessBlockConfiguration::builder()
            .block_public_acls(true)
            .ignore_public_acls(true)
            .block_public_policy(true)
            .restrict_public_buckets(true)
            .build();
        self.s3
            .put_public_access_block()
            .bucket(&name)
            .public_access_block_configuration(block)
            .send()
            .await
            .map_err(failed(&name))?;
        let ownership = aws_sdk_s3::types::OwnershipControls::builder()
            .rules(
                aws_sdk_s3::types::OwnershipControlsRule::builder()
                    .object_ownership(aws_sdk_s3::types::ObjectOwnership::BucketOwnerEnforced)
                    .build()
                    .map_err(failed(&name))?,
            )
            .build()
            .map_err(failed(&name))?;
        self.s3
            .put_bucket_ownership_controls()
            .bucket(&name)
            .ownership_controls(ownership)
            .send()
            .await
            .map_err(failed(&name))?;
        self.lifecycle(&name, None).await?;
        let tag_set = self
            .tags(&name)
            .into_iter()
            .map(|(k, v)| aws_sdk_s3::types::Tag::builder().key(k).value(v).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(failed(&name))?;
        self.s3
            .put_bucket_tagging()
            .bucket(&name)
            .tagging(
                aws_sdk_s3::types::Tagging::builder()
                    .set_tag_set(Some(tag_set))
                    .build()
                    .map_err(failed(&name))?,
            )
            .send()
            .await
            .map_err(failed(&name))?;
        let versioning = VersioningConfiguration::builder()
            .status(BucketVersioningStatus::Enabled)
            .build();
        self.s3
            .put_bucket_versioning()
            .bucket(&name)
            .versioning_configuration(versioning)
            .send()
            .await
            .map_err(failed(&name))?;
        statements.push(serde_json::json!({
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [format!("arn:aws:s3:::{name}"), format!("arn:aws:s3:::{name}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }));
        let policy = serde_json::json!({"Version": "2012-10-17", "Statement": statements});
        self.s3
            .put_bucket_policy()
            .bucket(&name)
            .policy(policy.to_string())
            .send()
            .await
            .map_err(failed(&name))?;
        Ok(name)
    }

    /// A CloudWatch alarm on the average of `namespace`/`metric` above `threshold` for three
    /// minutes, notifying `topic`; returns its name.
    pub async fn alarm(
        &mut self,
        base: &str,
        namespace: &str,
        metric: &str,
        threshold: f64,
        topic: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let tags = self.tags(&name).into_iter().map(|(k, v)| {
            aws_sdk_cloudwatch::types::Tag::builder()
                .key(k)
                .value(v)
                .build()
        });
        self.cloudwatch
            .put_metric_alarm()
            .alarm_name(&name)
            .namespace(namespace)
            .metric_name(metric)
            .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
            .period(60)
            .evaluation_periods(3)
            .threshold(threshold)
            .comparison_operator(
                aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold,
            )
            .actions_enabled(true)
            .alarm_actions(topic)
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(&name))?;
        self.record(Kind::Alarm, &name, &[])?;
        Ok(name)
    }

    /// A CloudWatch dashboard with one metric widget per (title, namespace, metric).
    pub async fn dashboard(
        &mut self,
        base: &str,
        widgets: &[(&str, &str, &str)],
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let widgets: Vec<serde_json::Value> = widgets
            .iter()
            .enumerate()
            .map(|(index, (title, namespace, metric))| {
                serde_json::json!({
                    "type": "metric", "x": 12 * (index % 2), "y": 6 * (index / 2), "width": 12, "height": 6,
                    "properties": {"title": title, "region": self.region, "stat": "Average", "period": 60, "metrics": [[namespace, metric]]}
                })
            })
            .collect();
        let body = serde_json::json!({ "widgets": widgets });
        self.cloudwatch
            .put_dashboard()
            .dashboard_name(&name)
            .dashboard_body(body.to_string())
            .send()
            .await
            .map_err(failed(&name))?;
        self.record(Kind::Dashboard, &name, &[])?;
        Ok(name)
    }

    /// Moves objects to Glacier after `days` (replaces the bucket's lifecycle configuration).
    pub async fn glacier_after(&mut self, bucket: &str, days: i32) -> Result<(), ProvisionError> {
        self.lifecycle(bucket, Some(days)).await
    }

    /// One enabled whole-bucket lifecycle rule: incomplete multipart uploads aborted after 7
    /// days and, with `glacier_days`, objects moved to Glacier after that many days.
    async fn lifecycle(
        &mut self,
        bucket: &str,
        glacier_days: Option<i32>,
    ) -> Result<(), ProvisionError> {
        use aws_sdk_s3::types::{
            AbortIncompleteMultipartUpload, BucketLifecycleConfiguration, ExpirationStatus,
            LifecycleRule, LifecycleRuleFilter, Transition, TransitionStorageClass,
        };
        let mut rule = LifecycleRule::builder()
            .id(match glacier_days {
                Some(days) => format!("glacier-after-{days}-days"),
                None => "abort-incomplete-uploads".to_string(),
            })
            .status(ExpirationStatus::Enabled)
            .filter(LifecycleRuleFilter::builder().prefix("").build())
            .abort_incomplete_multipart_upload(
                AbortIncompleteMultipartUpload::builder()
                    .days_after_initiation(7)
                    .build(),
            );
        if let Some(days) = glacier_days {
            rule = rule.transitions(
                Transition::builder()
                    .days(days)
                    .storage_class(TransitionStorageClass::Glacier)
                    .build(),
            );
        }
        let configuration = BucketLifecycleConfiguration::builder()
            .rules(rule.build().map_err(failed(bucket))?)
            .build()
            .map_err(failed(bucket))?;
        self.s3
            .put_bucket_lifecycle_configuration()
            .bucket(bucket)
            .lifecycle_configuration(configuration)
            .send()
            .await
            .map_err(failed(bucket))?;
        Ok(())
    }

    /// An Aurora PostgreSQL cluster in a DB subnet group, with its instances; the master user
    /// password is managed by RDS in Secrets Manager, encrypted with the stack's key.
    pub async fn aurora(&mut self, spec: &AuroraSpec<'_>) -> Result<Aurora, ProvisionError> {
        let group = self.name(&format!("{}-subnets", spec.base));
        self.rds
            .create_db_subnet_group()
            .db_subnet_group_name(&group)
            .db_subnet_group_description("private subnets")
            .set_subnet_ids(Some(spec.subnets.to_vec()))
            .send()
            .await
            .map_err(failed(&group))?;
        self.record(Kind::DbSubnetGroup, &group, &[])?;
        let id = self.name(spec.base);
        let tags = self
            .tags(&id)
            .into_iter()
            .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build());
        let output = self
            .rds
            .create_db_cluster()
            .db_cluster_identifier(&id)
            .engine("aurora-postgresql")
            .engine_version("15.4")
            .master_username("app_admin")
            .manage_master_user_password(true)
            .master_user_secret_kms_key_id(spec.key)
            .db_subnet_group_name(&group)
            .vpc_security_group_ids(spec.security_group)
            .storage_encrypted(true)
            .kms_key_id(spec.key)
            .backup_retention_period(spec.backup_retention_days)
            .deletion_protection(false)
            .copy_tags_to_snapshot(true)
            .enable_iam_database_authentication(spec.iam_authentication)
            .enable_cloudwatch_logs_exports("postgresql")
            .set_serverless_v2_scaling_configuration(spec.serverless_v2.map(|(min, max)| {
                aws_sdk_rds::types::ServerlessV2ScalingConfiguration::builder()
                    .min_capacity(min)
                    .max_capacity(max)
                    .build()
            }))
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(&id))?;
        let cluster = output.db_cluster();
        let endpoint = required(cluster.and_then(|c| c.endpoint()).map(str::to_string), &id)?;
        let master_secret = required(
            cluster
                .and_then(|c| c.master_user_secret())
                .and_then(|s| s.secret_arn())
                .map(str::to_string),
            &id,
        )?;
        self.record(Kind::DbCluster, &id, &[])?;
        self.awaits(Asynchronous::DbCluster(id.clone()));
        if let Some(days) = spec.secret_rotation_days {
            self.managed_secret_rotation(&master_secret, &id, days)
                .await?;
        }
        for (index, class) in spec.instances.iter().enumerate() {
            let instance = format!("{id}-{}", index + 1);
            let mut create = self
                .rds
                .create_db_instance()
                .db_instance_identifier(&instance)
                .db_cluster_identifier(&id)
                .engine("aurora-postgresql")
                .db_instance_class(*class)
                .publicly_accessible(false)
                .set_tags(Some(
                    self.tags(&instance)
                        .into_iter()
                        .map(|(k, v)| aws_sdk_rds::types::Tag::builder().key(k).value(v).build())
                        .collect(),
                ));
            if let Some(zone) = spec.zones.get(index % spec.zones.len().max(1)) {
                create = create.availability_zone(zone);
            }
            create.send().await.map_err(failed(&instance))?;
            self.record(Kind::DbInstance, &instance, &[])?;
            self.awaits(Asynchronous::DbInstance(instance));
        }
        Ok(Aurora {
            endpoint,
            master_secret,
        })
    }

    /// Sets the rotation schedule of a secret another service manages (no rotation function:
    /// the owning service rotates it) without rotating it now, and tags it for the stack. RDS
    /// deletes the secret with its cluster, so it is not in the ledger.
    async fn managed_secret_rotation(
        &mut self,
        secret: &str,
        owner: &str,
        days: i64,
    ) -> Result<(), ProvisionError> {
        self.secrets
            .rotate_secret()
            .secret_id(secret)
            .rotation_rules(
                aws_sdk_secretsmanager::types::RotationRulesType::builder()
                    .automatically_after_days(days)
                    .build(),
            )
            .rotate_immediately(false)
            .send()
            .await
            .map_err(failed(secret))?;
        let tags = self.tags(owner).into_iter().map(|(k, v)| {
            aws_sdk_secretsmanager::types::Tag::builder()
                .key(k)
                .value(v)
                .build()
        });
        self.secrets
            .tag_resource()
            .secret_id(secret)
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(secret))?;
        Ok(())
    }
}

/// The account Elastic Load Balancing writes access logs from, in the regions that predate the
/// log delivery service principal (newer regions take the principal instead).
fn elb_log_account(region: &str) -> Option<&'static str> {
    Some(match region {
        "us-east-1" => "127311923021",
        "us-east-2" => "033677994240",
        "us-west-1" => "027434742980",
        "us-west-2" => "797873946194",
        "eu-west-1" => "156460612806",
        "eu-west-2" => "652711504416",
        "eu-central-1" => "054676820928",
        "ap-southeast-1" => "114774131450",
        "ap-southeast-2" => "783225319266",
        "ap-northeast-1" => "582318560864",
        _ => return None,
    })
}
