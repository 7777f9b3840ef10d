//! The teardown table: one entry per ledger kind — how a resource of it is deleted, which of
//! its service's answers mean it is already gone, how the leftover scan finds it (its listing
//! and the scanner that reads it, [`super::leftovers`]), and, when AWS deletes it
//! asynchronously, what teardown waits for. The `match` in [`teardown_of`] is exhaustive: a new
//! kind does not compile until it has its entry, its delete and its scan together.

use std::future::Future;
use std::pin::Pin;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::leftovers::{self as scan, Scanner};
use crate::ledger::{Entry, Kind};
use crate::wait::Asynchronous;
use stackproof_clients::AwsClients as Clients;
use stackproof_clients::errors::{is_not_found, one_line as short_error};

/// How the leftover scan finds a kind.
pub enum Found {
    /// Its own listing (`service:Operation`), read by its scanner.
    By(&'static str, Scanner),
    /// The scanner of its parent finds it with the parent (an ECS cluster's services).
    WithParent(Kind),
    /// No listing finds it: it is deleted with its parent (a load balancer's listeners, rules).
    Never,
}

use Found::{By, Never, WithParent};

/// A delete call (or calls) on its way.
pub type Deleting<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + Send + 'a>>;

/// How teardown handles one kind.
pub struct KindTeardown {
    /// Deletes one resource of the kind.
    pub delete: for<'a> fn(&'a Clients, &'a Entry) -> Deleting<'a>,
    /// `(code, words of the message)` answers that mean "already gone" besides every
    /// service's not-found codes (`*NotFound*`, `NoSuch*`, `*NotExist*`); empty words: any
    /// message.
    pub gone: &'static [(&'static str, &'static str)],
    /// How the leftover scan finds it.
    pub found: Found,
    /// What AWS deletes asynchronously: teardown waits until it is gone, for what it uses
    /// stays in use until then.
    pub awaited: Option<fn(&Entry) -> Asynchronous>,
}

/// A failed call: the service's error code and message, and one line for the report.
#[derive(Debug)]
pub struct Failure {
    code: Option<String>,
    message: String,
    pub line: String,
}

impl Failure {
    /// Whether the answer says the resource is already gone.
    pub fn means_gone(&self, also: &[(&str, &str)]) -> bool {
        let Some(code) = self.code.as_deref() else {
            return false;
        };
        let message = self.message.to_ascii_lowercase();
        is_not_found(code) || (also.iter()).any(|(c, words)| code == *c && message.contains(words))
    }
}

/// The call's outcome as teardown reads it.
fn said<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    result: Result<T, SdkError<E, HttpResponse>>,
) -> Result<(), Failure> {
    result.map(drop).map_err(|error| Failure {
        code: error.code().map(str::to_string),
        message: error.message().unwrap_or_default().to_string(),
        line: short_error(&error),
    })
}

/// A step of a multi-call deletion: already gone counts as done.
fn step<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    result: Result<T, SdkError<E, HttpResponse>>,
) -> Result<(), Failure> {
    match said(result) {
        Err(failure) if failure.means_gone(&[]) => Ok(()),
        other => other,
    }
}

/// The table's entry for `kind`.
pub fn teardown_of(kind: Kind) -> KindTeardown {
    let entry = |delete, found| KindTeardown {
        delete,
        gone: &[],
        found,
        awaited: None,
    };
    match kind {
        Kind::Vpc => entry(
            |c, e| Box::pin(async move { said(c.ec2.delete_vpc().vpc_id(&e.id).send().await) }),
            By("ec2:DescribeVpcs", scan::vpcs),
        ),
        Kind::Subnet => entry(
            |c, e| {
                Box::pin(async move { said(c.ec2.delete_subnet().subnet_id(&e.id).send().await) })
            },
            By("ec2:DescribeSubnets", scan::subnets),
        ),
        Kind::InternetGateway => entry(
            |c, e| Box::pin(delete_internet_gateway(c, e)),
            By("ec2:DescribeInternetGateways", scan::internet_gateways),
        ),
        Kind::RouteTable => entry(
            |c, e| Box::pin(delete_route_table(c, &e.id)),
            By("ec2:DescribeRouteTables", scan::route_tables),
        ),
        Kind::ElasticIp => entry(
            |c, e| {
                Box::pin(
                    async move { said(c.ec2.release_address().allocation_id(&e.id).send().await) },
                )
            },
            By("ec2:DescribeAddresses", scan::addresses),
        ),
        Kind::NatGateway => KindTeardown {
            awaited: Some(|e| Asynchronous::NatGateway(e.id.clone())),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        said(
                            c.ec2
                                .delete_nat_gateway()
                                .nat_gateway_id(&e.id)
                                .send()
                                .await,
                        )
                    })
                },
                By("ec2:DescribeNatGateways", scan::nat_gateways),
            )
        },
        Kind::VpcEndpoint => KindTeardown {
            awaited: Some(|e| Asynchronous::VpcEndpoint(e.id.clone())),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        said(
                            c.ec2
                                .delete_vpc_endpoints()
                                .vpc_endpoint_ids(&e.id)
                                .send()
                                .await,
                        )
                    })
                },
                By("ec2:DescribeVpcEndpoints", scan::vpc_endpoints),
            )
        },
        Kind::SecurityGroup => entry(
            |c, e| {
                Box::pin(
                    async move { said(c.ec2.delete_security_group().group_id(&e.id).send().await) },
                )
            },
            By("ec2:DescribeSecurityGroups", scan::security_groups),
        ),
        Kind::FlowLog => entry(
            |c, e| {
                Box::pin(
                    async move { said(c.ec2.delete_flow_logs().flow_log_ids(&e.id).send().await) },
                )
            },
            By("ec2:DescribeFlowLogs", scan::flow_logs),
        ),
        Kind::VpcPeering => entry(
            |c, e| {
                Box::pin(async move {
                    let delete = c
                        .ec2
                        .delete_vpc_peering_connection()
                        .vpc_peering_connection_id(&e.id);
                    said(delete.send().await)
                })
            },
            By("ec2:DescribeVpcPeeringConnections", scan::vpc_peerings),
        ),
        // A key already scheduled for deletion (a teardown killed after the call) is gone.
        Kind::KmsKey => KindTeardown {
            gone: &[("KMSInvalidStateException", "pending deletion")],
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        let schedule = c
                            .kms
                            .schedule_key_deletion()
                            .key_id(&e.id)
                            .pending_window_in_days(7);
                        said(schedule.send().await)
                    })
                },
                By("kms:ListKeys", scan::kms_keys),
            )
        },
        Kind::KmsAlias => entry(
            |c, e| {
                Box::pin(async move { said(c.kms.delete_alias().alias_name(&e.id).send().await) })
            },
            By("kms:ListAliases", scan::kms_aliases),
        ),
        Kind::LogGroup => entry(
            |c, e| {
                Box::pin(async move {
                    said(c.logs.delete_log_group().log_group_name(&e.id).send().await)
                })
            },
            By("logs:DescribeLogGroups", scan::log_groups),
        ),
        Kind::Bucket => entry(
            |c, e| Box::pin(empty_and_delete_bucket(c, &e.id)),
            By("s3:ListBuckets", scan::buckets),
        ),
        Kind::Role => entry(
            |c, e| Box::pin(delete_role(c, &e.id)),
            By("iam:ListRoles", scan::roles),
        ),
        Kind::Secret => KindTeardown {
            gone: &[("InvalidRequestException", "marked for deletion")],
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        let delete = c
                            .secrets
                            .delete_secret()
                            .secret_id(&e.id)
                            .force_delete_without_recovery(true);
                        said(delete.send().await)
                    })
                },
                By("secretsmanager:ListSecrets", scan::secrets),
            )
        },
        Kind::SnsTopic => entry(
            |c, e| {
                Box::pin(async move { said(c.sns.delete_topic().topic_arn(&e.id).send().await) })
            },
            By("sns:ListTopics", scan::sns_topics),
        ),
        Kind::EcsCluster => entry(
            |c, e| {
                Box::pin(async move { said(c.ecs.delete_cluster().cluster(&e.id).send().await) })
            },
            By("ecs:ListClusters", scan::ecs_clusters),
        ),
        Kind::TaskDefinition => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.ecs
                            .deregister_task_definition()
                            .task_definition(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("ecs:ListTaskDefinitions", scan::task_definitions),
        ),
        // A service already draining or inactive is on its way out.
        Kind::EcsService => KindTeardown {
            gone: &[("ServiceNotActiveException", "")],
            awaited: Some(|e| Asynchronous::EcsService {
                cluster: e.context.get("cluster").cloned().unwrap_or_default(),
                service: e.id.clone(),
            }),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        let cluster = e
                            .context
                            .get("cluster")
                            .map(String::as_str)
                            .unwrap_or_default();
                        let delete = c
                            .ecs
                            .delete_service()
                            .cluster(cluster)
                            .service(&e.id)
                            .force(true);
                        said(delete.send().await)
                    })
                },
                WithParent(Kind::EcsCluster),
            )
        },
        Kind::LoadBalancer => KindTeardown {
            awaited: Some(|e| Asynchronous::LoadBalancer(e.id.clone())),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        said(
                            c.elb
                                .delete_load_balancer()
                                .load_balancer_arn(&e.id)
                                .send()
                                .await,
                        )
                    })
                },
                By(
                    "elasticloadbalancing:DescribeLoadBalancers",
                    scan::load_balancers,
                ),
            )
        },
        Kind::TargetGroup => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.elb
                            .delete_target_group()
                            .target_group_arn(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By(
                "elasticloadbalancing:DescribeTargetGroups",
                scan::target_groups,
            ),
        ),
        Kind::Listener => KindTeardown {
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        said(c.elb.delete_listener().listener_arn(&e.id).send().await)
                    })
                },
                Never,
            )
        },
        Kind::ListenerRule => KindTeardown {
            ..entry(
                |c, e| {
                    Box::pin(async move { said(c.elb.delete_rule().rule_arn(&e.id).send().await) })
                },
                Never,
            )
        },
        Kind::DbSubnetGroup => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.rds
                            .delete_db_subnet_group()
                            .db_subnet_group_name(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("rds:DescribeDBSubnetGroups", scan::db_subnet_groups),
        ),
        Kind::DbCluster => KindTeardown {
            gone: &[("InvalidDBClusterStateFault", "already being deleted")],
            awaited: Some(|e| Asynchronous::DbCluster(e.id.clone())),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        let delete = c
                            .rds
                            .delete_db_cluster()
                            .db_cluster_identifier(&e.id)
                            .skip_final_snapshot(true);
                        said(delete.send().await)
                    })
                },
                By("rds:DescribeDBClusters", scan::db_clusters),
            )
        },
        Kind::DbInstance => KindTeardown {
            gone: &[("InvalidDBInstanceState", "already being deleted")],
            awaited: Some(|e| Asynchronous::DbInstance(e.id.clone())),
            ..entry(
                |c, e| {
                    Box::pin(async move {
                        let delete = c
                            .rds
                            .delete_db_instance()
                            .db_instance_identifier(&e.id)
                            .skip_final_snapshot(true);
                        said(delete.send().await)
                    })
                },
                By("rds:DescribeDBInstances", scan::db_instances),
            )
        },
        Kind::Dashboard => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.cloudwatch
                            .delete_dashboards()
                            .dashboard_names(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("cloudwatch:ListDashboards", scan::dashboards),
        ),
        Kind::Alarm => entry(
            |c, e| {
                Box::pin(async move {
                    said(c.cloudwatch.delete_alarms().alarm_names(&e.id).send().await)
                })
            },
            By("cloudwatch:DescribeAlarms", scan::alarms),
        ),
        Kind::EcrRepository => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.ecr
                            .delete_repository()
                            .repository_name(&e.id)
                            .force(true)
                            .send()
                            .await,
                    )
                })
            },
            By("ecr:DescribeRepositories", scan::ecr_repositories),
        ),
        Kind::Namespace => entry(
            |c, e| {
                Box::pin(async move { said(c.discovery.delete_namespace().id(&e.id).send().await) })
            },
            By("servicediscovery:ListNamespaces", scan::namespaces),
        ),
        Kind::DiscoveryService => entry(
            |c, e| {
                Box::pin(async move { said(c.discovery.delete_service().id(&e.id).send().await) })
            },
            WithParent(Kind::Namespace),
        ),
        Kind::ScalableTarget => entry(
            |c, e| Box::pin(delete_scaling(c, &e.id)),
            By(
                "application-autoscaling:DescribeScalableTargets",
                scan::scalable_targets,
            ),
        ),
        Kind::Certificate => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.acm
                            .delete_certificate()
                            .certificate_arn(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("acm:ListCertificates", scan::certificates),
        ),
        Kind::SsmParameter => entry(
            |c, e| Box::pin(async move { said(c.ssm.delete_parameter().name(&e.id).send().await) }),
            By("ssm:DescribeParameters", scan::ssm_parameters),
        ),
        Kind::KinesisStream => entry(
            |c, e| {
                Box::pin(async move {
                    let delete = c
                        .kinesis
                        .delete_stream()
                        .stream_name(&e.id)
                        .enforce_consumer_deletion(true);
                    said(delete.send().await)
                })
            },
            By("kinesis:ListStreams", scan::kinesis_streams),
        ),
        Kind::BackupVault => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.backup
                            .delete_backup_vault()
                            .backup_vault_name(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("backup:ListBackupVaults", scan::backup_vaults),
        ),
        Kind::BackupPlan => entry(
            |c, e| {
                Box::pin(async move {
                    said(
                        c.backup
                            .delete_backup_plan()
                            .backup_plan_id(&e.id)
                            .send()
                            .await,
                    )
                })
            },
            By("backup:ListBackupPlans", scan::backup_plans),
        ),
    }
}

/// Detaches an internet gateway from the VPC the ledger or scan recorded, then deletes it.
async fn delete_internet_gateway(c: &Clients, entry: &Entry) -> Result<(), Failure> {
    if let Some(vpc) = entry.context.get("vpc") {
        let detach = c
            .ec2
            .detach_internet_gateway()
            .internet_gateway_id(&entry.id)
            .vpc_id(vpc);
        step(detach.send().await)?;
    }
    said(
        c.ec2
            .delete_internet_gateway()
            .internet_gateway_id(&entry.id)
            .send()
            .await,
    )
}

/// Disassociates a route table from its subnets (not a main association), then deletes it.
async fn delete_route_table(c: &Clients, id: &str) -> Result<(), Failure> {
    let tables = c
        .ec2
        .describe_route_tables()
        .route_table_ids(id)
        .send()
        .await;
    if let Ok(tables) = tables {
        let associations = (tables.route_tables().iter())
            .flat_map(|t| t.associations())
            .filter(|a| a.main() != Some(true))
            .filter_map(|a| a.route_table_association_id());
        for association in associations {
            step(
                c.ec2
                    .disassociate_route_table()
                    .association_id(association)
                    .send()
                    .await,
            )?;
        }
    }
    said(c.ec2.delete_route_table().route_table_id(id).send().await)
}

/// Deletes the scaling policies of an ECS service's scalable target, then the target.
async fn delete_scaling(c: &Clients, resource: &str) -> Result<(), Failure> {
    use aws_sdk_applicationautoscaling::types::{ScalableDimension, ServiceNamespace};
    let policies = (c.autoscaling.describe_scaling_policies())
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(resource)
        .send()
        .await;
    if let Ok(policies) = policies {
        for policy in policies.scaling_policies() {
            let delete = (c.autoscaling.delete_scaling_policy())
                .policy_name(policy.policy_name())
                .service_namespace(ServiceNamespace::Ecs)
                .resource_id(resource)
                .scalable_dimension(ScalableDimension::EcsServiceDesiredCount);
            step(scaling_gone(delete.send().await))?;
        }
    }
    let deregister = (c.autoscaling.deregister_scalable_target())
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount);
    step(scaling_gone(deregister.send().await))
}

/// Application Auto Scaling says `ObjectNotFoundException` for a policy or target already
/// removed, and some implementations a `ValidationException` saying none was found: both are
/// gone (a second destroy after a killed one must not fail on them).
#[allow(clippy::result_large_err)] // the SDK's own error, passed through
fn scaling_gone<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    result: Result<T, SdkError<E, HttpResponse>>,
) -> Result<Option<T>, SdkError<E, HttpResponse>> {
    match result {
        Ok(answer) => Ok(Some(answer)),
        Err(error)
            if error.code() == Some("ValidationException")
                && error.message().is_some_and(|m| {
                    let m = m.to_ascii_lowercase();
                    m.contains("no scalable target")
                        || m.contains("not found")
                        || m.contains("does not exist")
                }) =>
        {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

async fn empty_and_delete_bucket(c: &Clients, bucket: &str) -> Result<(), Failure> {
    empty(&c.s3, bucket).await?;
    said(c.s3.delete_bucket().bucket(bucket).send().await)
}

/// Deletes `bucket`'s policy, then every object version and delete marker, a listing page at a
/// time (log buckets fill up with delivered logs). The policy goes first: a TLS-only policy
/// denies the deletes over an emulator's plain HTTP, and the bucket is on its way out anyway.
pub async fn empty_bucket(s3: &aws_sdk_s3::Client, bucket: &str) -> Result<(), String> {
    empty(s3, bucket).await.map_err(|failure| failure.line)
}

async fn empty(s3: &aws_sdk_s3::Client, bucket: &str) -> Result<(), Failure> {
    step(s3.delete_bucket_policy().bucket(bucket).send().await)?;
    loop {
        let Ok(page) = s3.list_object_versions().bucket(bucket).send().await else {
            return Ok(());
        };
        let versions = page.versions().iter().map(|v| (v.key(), v.version_id()));
        let markers = (page.delete_markers().iter()).map(|m| (m.key(), m.version_id()));
        let mut deleted = 0;
        for (key, version) in versions.chain(markers) {
            let request = (s3.delete_object().bucket(bucket))
                .key(key.unwrap_or_default())
                .set_version_id(version.map(str::to_string));
            step(request.send().await)?;
            deleted += 1;
        }
        if deleted == 0 || page.is_truncated() != Some(true) {
            return Ok(());
        }
    }
}

/// Detaches a role's managed policies and deletes its inline ones, then the role.
async fn delete_role(c: &Clients, role: &str) -> Result<(), Failure> {
    if let Ok(attached) = c
        .iam
        .list_attached_role_policies()
        .role_name(role)
        .send()
        .await
    {
        for policy in attached.attached_policies() {
            let arn = policy.policy_arn().unwrap_or_default();
            step(
                c.iam
                    .detach_role_policy()
                    .role_name(role)
                    .policy_arn(arn)
                    .send()
                    .await,
            )?;
        }
    }
    if let Ok(inline) = c.iam.list_role_policies().role_name(role).send().await {
        for name in inline.policy_names() {
            step(
                c.iam
                    .delete_role_policy()
                    .role_name(role)
                    .policy_name(name)
                    .send()
                    .await,
            )?;
        }
    }
    said(c.iam.delete_role().role_name(role).send().await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: &str, message: &str) -> Failure {
        Failure {
            code: Some(code.into()),
            message: message.into(),
            line: format!("{code}: {message}"),
        }
    }

    /// Every service's not-found answers are gone; a kind's own answers only with their words.
    #[test]
    fn already_gone_answers_are_read_per_kind() {
        assert!(failure("InvalidVpcID.NotFound", "").means_gone(&[]));
        assert!(failure("NoSuchBucket", "").means_gone(&[]));
        let kms = teardown_of(Kind::KmsKey).gone;
        let pending = failure("KMSInvalidStateException", "arn:… is pending deletion.");
        assert!(pending.means_gone(kms));
        assert!(!pending.means_gone(&[]));
        assert!(!failure("KMSInvalidStateException", "arn:… is disabled.").means_gone(kms));
        assert!(!failure("DependencyViolation", "in use").means_gone(kms));
        let no_code = Failure {
            code: None,
            message: String::new(),
            line: "dispatch failure".into(),
        };
        assert!(!no_code.means_gone(&[]));
    }

    /// What the leftover scan lists is listed by an operation the provision policy grants.
    #[test]
    fn every_listing_is_in_the_provision_policy() {
        for kind in Kind::ALL {
            if let By(listing, _) = teardown_of(kind).found {
                assert!(
                    crate::permissions::PROVISIONER_OPERATIONS.contains(&listing),
                    "{kind:?}: {listing}"
                );
            }
        }
    }

    /// A kind found with its parent names a parent that has a listing of its own.
    #[test]
    fn every_kind_found_with_its_parent_names_a_listed_parent() {
        for kind in Kind::ALL {
            if let WithParent(parent) = teardown_of(kind).found {
                assert!(
                    matches!(teardown_of(parent).found, By(..)),
                    "{kind:?} is found with {parent:?}, which no listing finds"
                );
            }
        }
    }
}
