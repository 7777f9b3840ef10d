//! Teardown: the ledger walked backwards, each resource deleted (already-gone counts as done),
//! then every service scanned for anything of the run that is left.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::collections::BTreeMap;

use aws_types::SdkConfig;

use crate::in_region;
use crate::ledger::{Entry, Kind, Ledger, LedgerError};

mod leftovers;
pub use leftovers::{Scan, leftovers};

/// What a teardown did.
#[derive(Debug, Default)]
pub struct Teardown {
    /// `kind id` of every resource deleted (or found already gone).
    pub removed: Vec<String>,
    /// Resources that could not be deleted, with why.
    pub failed: Vec<(String, String)>,
    /// Resources of the run still present after the teardown, found by the leftover scan.
    pub leftovers: Vec<String>,
    /// Listings of the leftover scan that failed, `(service:Operation, why)`: the teardown
    /// cannot say that nothing is left.
    pub unscanned: Vec<(String, String)>,
}

/// Clients teardown and the leftover scan need.
pub struct Clients {
    ec2: aws_sdk_ec2::Client,
    ecs: aws_sdk_ecs::Client,
    elb: aws_sdk_elasticloadbalancingv2::Client,
    rds: aws_sdk_rds::Client,
    s3: aws_sdk_s3::Client,
    iam: aws_sdk_iam::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
    kms: aws_sdk_kms::Client,
    secrets: aws_sdk_secretsmanager::Client,
    sns: aws_sdk_sns::Client,
    cloudwatch: aws_sdk_cloudwatch::Client,
    ecr: aws_sdk_ecr::Client,
    discovery: aws_sdk_servicediscovery::Client,
    autoscaling: aws_sdk_applicationautoscaling::Client,
    acm: aws_sdk_acm::Client,
    ssm: aws_sdk_ssm::Client,
    kinesis: aws_sdk_kinesis::Client,
    backup: aws_sdk_backup::Client,
}

impl Clients {
    pub fn new(config: &SdkConfig, s3_path_style: bool) -> Self {
        Self {
            ec2: aws_sdk_ec2::Client::new(config),
            ecs: aws_sdk_ecs::Client::new(config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(config),
            rds: aws_sdk_rds::Client::new(config),
            s3: aws_sdk_s3::Client::from_conf(
                aws_sdk_s3::config::Builder::from(config)
                    .force_path_style(s3_path_style)
                    .build(),
            ),
            iam: aws_sdk_iam::Client::new(config),
            logs: aws_sdk_cloudwatchlogs::Client::new(config),
            kms: aws_sdk_kms::Client::new(config),
            secrets: aws_sdk_secretsmanager::Client::new(config),
            sns: aws_sdk_sns::Client::new(config),
            cloudwatch: aws_sdk_cloudwatch::Client::new(config),
            ecr: aws_sdk_ecr::Client::new(config),
            discovery: aws_sdk_servicediscovery::Client::new(config),
            autoscaling: aws_sdk_applicationautoscaling::Client::new(config),
            acm: aws_sdk_acm::Client::new(config),
            ssm: aws_sdk_ssm::Client::new(config),
            kinesis: aws_sdk_kinesis::Client::new(config),
            backup: aws_sdk_backup::Client::new(config),
        }
    }
}

/// How many times teardown scans for what the ledger does not hold and deletes it; a round
/// that deletes nothing ends the search.
const ADOPTION_ROUNDS: usize = 6;

/// Deletes everything in the ledger, newest first; the ledger keeps only what failed, so a
/// second run retries exactly that. Then [`sweep`]s the run's suffix in `regions` (and the
/// ledger's): what a run killed between a create and its record left is deleted too.
pub async fn destroy(
    config: &SdkConfig,
    s3_path_style: bool,
    ledger: &mut Ledger,
    regions: &[&str],
) -> Result<Teardown, LedgerError> {
    let mut report = Teardown::default();
    let regions: Vec<String> = (regions.iter().map(|r| r.to_string()))
        .chain(ledger.entries().iter().map(|e| e.region.clone()))
        .collect();
    let clients = clients_for(config, s3_path_style, &regions);
    let entries: Vec<Entry> = ledger.entries().iter().rev().cloned().collect();
    let mut remaining = Vec::new();
    for entry in entries {
        match Box::pin(delete(&clients[&entry.region], &entry)).await {
            Ok(()) => report.removed.push(label(&entry)),
            Err(message) => {
                report.failed.push((label(&entry), message));
                remaining.push(entry);
            }
        }
    }
    ledger.retain(|entry| remaining.contains(entry))?;
    // Boxed, as each scan is: their states together are too large for a thread's stack.
    let present = Box::pin(sweep(
        &clients,
        ledger.suffix(),
        ledger.entries(),
        &mut report,
    ))
    .await;
    let failed = report.failed.clone();
    ledger.retain(|entry| {
        present.contains(&(entry.kind, entry.id.clone()))
            || failed.iter().any(|(label_of, _)| *label_of == label(entry))
    })?;
    Ok(report)
}

/// Everything of the run `suffix` in `regions`, without a ledger (the janitor,
/// `destroy --stale`): a [`sweep`].
pub async fn destroy_run(
    config: &SdkConfig,
    s3_path_style: bool,
    suffix: &str,
    regions: &[&str],
) -> Teardown {
    let regions: Vec<String> = regions.iter().map(|r| r.to_string()).collect();
    let clients = clients_for(config, s3_path_style, &regions);
    let mut report = Teardown::default();
    Box::pin(sweep(&clients, suffix, &[], &mut report)).await;
    report
}

/// Clients for the config's region and each of `regions`.
fn clients_for(
    config: &SdkConfig,
    s3_path_style: bool,
    regions: &[String],
) -> BTreeMap<String, Clients> {
    let base = config.region().map(|r| r.to_string()).unwrap_or_default();
    (std::iter::once(base).chain(regions.iter().cloned()))
        .map(|region| {
            let clients = Clients::new(&in_region(config, &region), s3_path_style);
            (region, clients)
        })
        .collect()
}

/// Scans every region of `clients` for the run `suffix` and deletes what it finds, in rounds,
/// dependents first, until a round deletes nothing; what `report` says failed is tried again
/// once what held it up is gone (a VPC with a subnet the ledger never recorded). A last scan
/// fills `report.leftovers` and `unscanned`; a failure stays in `report.failed` while its
/// resource is there or the scan cannot tell. Returns what is still present.
async fn sweep(
    clients: &BTreeMap<String, Clients>,
    suffix: &str,
    recorded: &[Entry],
    report: &mut Teardown,
) -> Vec<(Kind, String)> {
    let mut failures: BTreeMap<String, String> =
        std::mem::take(&mut report.failed).into_iter().collect();
    for round in 0..ADOPTION_ROUNDS {
        let mut found = Vec::new();
        for (region, clients) in clients {
            found.extend(Box::pin(leftovers(clients, suffix, region)).await.found);
        }
        if found.is_empty() {
            break;
        }
        if round > 0 {
            // What AWS is still deleting (a NAT gateway, a cluster's instances) holds up what
            // depends on it: give it a moment before the next round.
            tokio::time::sleep(std::time::Duration::from_secs(2 * round as u64)).await;
        }
        // The ledger's kinds are in creation order: dependents come later, so go backwards.
        found.sort_by_key(|entry| std::cmp::Reverse(entry.kind));
        let mut progress = false;
        for entry in found {
            let in_ledger = (recorded.iter()).any(|e| e.kind == entry.kind && e.id == entry.id);
            match Box::pin(delete(&clients[&entry.region], &entry)).await {
                Ok(()) => {
                    failures.remove(&label(&entry));
                    report.removed.push(match in_ledger {
                        true => label(&entry),
                        false => format!("{} (not in the ledger)", label(&entry)),
                    });
                    progress = true;
                }
                Err(message) => drop(failures.insert(label(&entry), message)),
            }
        }
        if !progress {
            break;
        }
    }
    let mut present = Vec::new();
    for (region, clients) in clients {
        let scan = Box::pin(leftovers(clients, suffix, region)).await;
        present.extend(scan.found.iter().map(|e| (e.kind, e.id.clone())));
        report.leftovers.extend(scan.found.iter().map(label));
        report.unscanned.extend(scan.unscanned);
    }
    let unsure = !report.unscanned.is_empty();
    report.failed = (failures.into_iter())
        .filter(|(label, _)| unsure || report.leftovers.contains(label) || !leftovers::lists(label))
        .collect();
    present
}

/// `kind id`, as reports name a resource of the run.
fn label(entry: &Entry) -> String {
    let kind = serde_json::to_value(entry.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    format!("{kind} {}", entry.id)
}

/// `Ok` when deleted or already gone.
fn gone<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    result: Result<T, SdkError<E, HttpResponse>>,
) -> Result<(), String> {
    match result {
        Ok(_) => Ok(()),
        Err(error)
            if error.code().is_some_and(|c| {
                c.contains("NotFound")
                    || c.starts_with("NoSuch")
                    || c.contains("NotExist")
                    || c == "ResourceNotFoundException"
            }) =>
        {
            Ok(())
        }
        Err(error) => Err(short_error(&error)),
    }
}

/// One line for a failed call: the service's error code and message (`AccessDenied: User … is
/// not authorized …`); for an answer the SDK could not read (an XML error page to a JSON
/// client), its HTTP status and the `<Code>`/`<Message>` in it; else the error chain. Never
/// longer than 300 characters.
pub(crate) fn short_error<E: ProvideErrorMetadata + std::error::Error + 'static>(
    error: &SdkError<E, HttpResponse>,
) -> String {
    let line = match (error.code(), error.message(), error.raw_response()) {
        (Some(code), Some(message), _) => format!("{code}: {message}"),
        (Some(code), None, _) => code.to_string(),
        (None, _, Some(raw)) => {
            let body = raw
                .body()
                .bytes()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let tag = |name: &str| {
                let open = format!("<{name}>");
                let start = body.find(&open)? + open.len();
                let end = body[start..].find(&format!("</{name}>"))? + start;
                Some(body[start..end].to_string())
            };
            let said: Vec<String> = [tag("Code"), tag("Message")]
                .into_iter()
                .flatten()
                .collect();
            format!("HTTP {} {}", raw.status().as_u16(), said.join(": "))
        }
        _ => DisplayErrorContext(error).to_string(),
    };
    let line = line.trim().replace('\n', " ");
    match line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

async fn delete(c: &Clients, entry: &Entry) -> Result<(), String> {
    let id = entry.id.as_str();
    match entry.kind {
        Kind::Vpc => gone(c.ec2.delete_vpc().vpc_id(id).send().await),
        Kind::Subnet => gone(c.ec2.delete_subnet().subnet_id(id).send().await),
        Kind::InternetGateway => {
            if let Some(vpc) = entry.context.get("vpc") {
                gone(
                    c.ec2
                        .detach_internet_gateway()
                        .internet_gateway_id(id)
                        .vpc_id(vpc)
                        .send()
                        .await,
                )?;
            }
            gone(
                c.ec2
                    .delete_internet_gateway()
                    .internet_gateway_id(id)
                    .send()
                    .await,
            )
        }
        Kind::RouteTable => {
            if let Ok(tables) = c
                .ec2
                .describe_route_tables()
                .route_table_ids(id)
                .send()
                .await
            {
                for association in tables
                    .route_tables()
                    .iter()
                    .flat_map(|t| t.associations())
                    .filter(|a| a.main() != Some(true))
                {
                    if let Some(association) = association.route_table_association_id() {
                        gone(
                            c.ec2
                                .disassociate_route_table()
                                .association_id(association)
                                .send()
                                .await,
                        )?;
                    }
                }
            }
            gone(c.ec2.delete_route_table().route_table_id(id).send().await)
        }
        Kind::ElasticIp => gone(c.ec2.release_address().allocation_id(id).send().await),
        Kind::NatGateway => {
            gone(c.ec2.delete_nat_gateway().nat_gateway_id(id).send().await)?;
            // Its address, subnet and VPC stay in use until it is deleted (AWS: a minute or so).
            crate::wait::until(
                &format!("NAT gateway {id}"),
                crate::wait::NAT_GATEWAY,
                || async {
                    use crate::wait::Poll;
                    match crate::wait::nat_gateway_state(&c.ec2, id).await {
                        Ok(None) => Poll::Done,
                        Ok(Some(state)) if state == "deleted" => Poll::Done,
                        // Right after the call AWS may still show the state it had.
                        Ok(Some(state)) if state != "failed" => Poll::Pending(state),
                        Ok(Some(state)) => Poll::Failed(state),
                        Err(error) => Poll::Failed(format!("unreadable ({error})")),
                    }
                },
            )
            .await
        }
        Kind::VpcEndpoint => gone(
            c.ec2
                .delete_vpc_endpoints()
                .vpc_endpoint_ids(id)
                .send()
                .await,
        ),
        Kind::SecurityGroup => gone(c.ec2.delete_security_group().group_id(id).send().await),
        Kind::FlowLog => gone(c.ec2.delete_flow_logs().flow_log_ids(id).send().await),
        Kind::KmsKey => gone(
            c.kms
                .schedule_key_deletion()
                .key_id(id)
                .pending_window_in_days(7)
                .send()
                .await,
        ),
        Kind::KmsAlias => gone(c.kms.delete_alias().alias_name(id).send().await),
        Kind::LogGroup => gone(c.logs.delete_log_group().log_group_name(id).send().await),
        Kind::Bucket => empty_and_delete_bucket(c, id).await,
        Kind::Role => delete_role(c, id).await,
        Kind::Secret => gone(
            c.secrets
                .delete_secret()
                .secret_id(id)
                .force_delete_without_recovery(true)
                .send()
                .await,
        ),
        Kind::SnsTopic => gone(c.sns.delete_topic().topic_arn(id).send().await),
        Kind::EcsCluster => gone(c.ecs.delete_cluster().cluster(id).send().await),
        Kind::TaskDefinition => gone(
            c.ecs
                .deregister_task_definition()
                .task_definition(id)
                .send()
                .await,
        ),
        Kind::EcsService => {
            let cluster = entry.context.get("cluster").cloned().unwrap_or_default();
            gone(
                c.ecs
                    .delete_service()
                    .cluster(&cluster)
                    .service(id)
                    .force(true)
                    .send()
                    .await,
            )
        }
        Kind::LoadBalancer => gone(
            c.elb
                .delete_load_balancer()
                .load_balancer_arn(id)
                .send()
                .await,
        ),
        Kind::TargetGroup => gone(
            c.elb
                .delete_target_group()
                .target_group_arn(id)
                .send()
                .await,
        ),
        Kind::Listener => gone(c.elb.delete_listener().listener_arn(id).send().await),
        Kind::DbSubnetGroup => gone(
            c.rds
                .delete_db_subnet_group()
                .db_subnet_group_name(id)
                .send()
                .await,
        ),
        Kind::DbCluster => gone(
            c.rds
                .delete_db_cluster()
                .db_cluster_identifier(id)
                .skip_final_snapshot(true)
                .send()
                .await,
        ),
        Kind::DbInstance => gone(
            c.rds
                .delete_db_instance()
                .db_instance_identifier(id)
                .skip_final_snapshot(true)
                .send()
                .await,
        ),
        Kind::Dashboard => gone(
            c.cloudwatch
                .delete_dashboards()
                .dashboard_names(id)
                .send()
                .await,
        ),
        Kind::Alarm => gone(c.cloudwatch.delete_alarms().alarm_names(id).send().await),
        Kind::EcrRepository => gone(
            c.ecr
                .delete_repository()
                .repository_name(id)
                .force(true)
                .send()
                .await,
        ),
        Kind::Namespace => gone(c.discovery.delete_namespace().id(id).send().await),
        Kind::DiscoveryService => gone(c.discovery.delete_service().id(id).send().await),
        Kind::ScalableTarget => delete_scaling(c, id).await,
        Kind::Certificate => gone(c.acm.delete_certificate().certificate_arn(id).send().await),
        Kind::ListenerRule => gone(c.elb.delete_rule().rule_arn(id).send().await),
        Kind::SsmParameter => gone(c.ssm.delete_parameter().name(id).send().await),
        Kind::VpcPeering => gone(
            c.ec2
                .delete_vpc_peering_connection()
                .vpc_peering_connection_id(id)
                .send()
                .await,
        ),
        Kind::KinesisStream => gone(
            c.kinesis
                .delete_stream()
                .stream_name(id)
                .enforce_consumer_deletion(true)
                .send()
                .await,
        ),
        Kind::BackupVault => gone(
            c.backup
                .delete_backup_vault()
                .backup_vault_name(id)
                .send()
                .await,
        ),
        Kind::BackupPlan => gone(
            c.backup
                .delete_backup_plan()
                .backup_plan_id(id)
                .send()
                .await,
        ),
    }
}

/// Deletes the scaling policies of an ECS service's scalable target, then the target.
async fn delete_scaling(c: &Clients, resource: &str) -> Result<(), String> {
    use aws_sdk_applicationautoscaling::types::{ScalableDimension, ServiceNamespace};
    if let Ok(policies) = c
        .autoscaling
        .describe_scaling_policies()
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(resource)
        .send()
        .await
    {
        for policy in policies.scaling_policies() {
            let delete = c
                .autoscaling
                .delete_scaling_policy()
                .policy_name(policy.policy_name())
                .service_namespace(ServiceNamespace::Ecs)
                .resource_id(resource)
                .scalable_dimension(ScalableDimension::EcsServiceDesiredCount);
            gone(scaling_gone(delete.send().await))?;
        }
    }
    let deregister = c
        .autoscaling
        .deregister_scalable_target()
        .service_namespace(ServiceNamespace::Ecs)
        .resource_id(resource)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount);
    gone(scaling_gone(deregister.send().await))
}

/// Application Auto Scaling says `ObjectNotFoundException` for a policy or target already
/// removed, and some implementations a `ValidationException` saying none was found: both are
/// gone (a second destroy after a killed one must not fail on them).
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

async fn empty_and_delete_bucket(c: &Clients, bucket: &str) -> Result<(), String> {
    empty_bucket(&c.s3, bucket).await?;
    gone(c.s3.delete_bucket().bucket(bucket).send().await)
}

/// Deletes `bucket`'s policy, then every object version and delete marker, a listing page at a
/// time (log buckets fill up with delivered logs). The policy goes first: a TLS-only policy
/// denies the deletes over an emulator's plain HTTP, and the bucket is on its way out anyway.
pub async fn empty_bucket(s3: &aws_sdk_s3::Client, bucket: &str) -> Result<(), String> {
    gone(s3.delete_bucket_policy().bucket(bucket).send().await)?;
    loop {
        let Ok(page) = s3.list_object_versions().bucket(bucket).send().await else {
            return Ok(());
        };
        let versions = page.versions().iter().map(|v| (v.key(), v.version_id()));
        let markers = page
            .delete_markers()
            .iter()
            .map(|m| (m.key(), m.version_id()));
        let mut deleted = 0;
        for (key, version) in versions.chain(markers) {
            let request = s3
                .delete_object()
                .bucket(bucket)
                .key(key.unwrap_or_default())
                .set_version_id(version.map(str::to_string));
            gone(request.send().await)?;
            deleted += 1;
        }
        if deleted == 0 || page.is_truncated() != Some(true) {
            return Ok(());
        }
    }
}

async fn delete_role(c: &Clients, role: &str) -> Result<(), String> {
    if let Ok(attached) = c
        .iam
        .list_attached_role_policies()
        .role_name(role)
        .send()
        .await
    {
        for policy in attached.attached_policies() {
            gone(
                c.iam
                    .detach_role_policy()
                    .role_name(role)
                    .policy_arn(policy.policy_arn().unwrap_or_default())
                    .send()
                    .await,
            )?;
        }
    }
    if let Ok(inline) = c.iam.list_role_policies().role_name(role).send().await {
        for name in inline.policy_names() {
            gone(
                c.iam
                    .delete_role_policy()
                    .role_name(role)
                    .policy_name(name)
                    .send()
                    .await,
            )?;
        }
    }
    gone(c.iam.delete_role().role_name(role).send().await)
}
