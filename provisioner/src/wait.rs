//! Waiting for AWS's asynchronous states, where the emulator is instant: a bounded poll whose
//! interval grows from a quarter of a second to 15 seconds (quick on an emulator, a few dozen
//! requests over AWS's minutes), saying what it waits for whenever the state changes; and the
//! resources AWS creates and deletes asynchronously, with the states they are ready or gone in.

use std::future::Future;

use stackproof_clients::errors;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::time::{Duration, Instant};

/// One look at the awaited resource.
pub enum Poll {
    /// The awaited state is reached.
    Done,
    /// Still on the way, in this state.
    Pending(String),
    /// A state it will not leave for the awaited one.
    Failed(String),
}

const FIRST_INTERVAL: Duration = Duration::from_millis(250);
const LONGEST_INTERVAL: Duration = Duration::from_secs(15);

/// Polls until `poll` says done, for at most `deadline`. The error names `what` and the last
/// state seen.
pub async fn until<F, Fut>(what: &str, deadline: Duration, mut poll: F) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Poll>,
{
    let started = Instant::now();
    let gives_up = crate::progress::gives_up_at(deadline);
    let mut interval = FIRST_INTERVAL;
    let mut heartbeat = crate::progress::Heartbeat::default();
    loop {
        let state = match poll().await {
            Poll::Done => return Ok(()),
            Poll::Failed(state) => return Err(format!("{what} is {state}")),
            Poll::Pending(state) => state,
        };
        let waited = started.elapsed().as_secs();
        heartbeat.say(
            &state,
            &format!("waiting for {what}: {state} ({waited} s so far; gives up at {gives_up})"),
        );
        if started.elapsed() + interval > deadline {
            return Err(format!(
                "{what} is still {state} after {} s",
                deadline.as_secs()
            ));
        }
        tokio::time::sleep(interval).await;
        interval = (interval * 2).min(LONGEST_INTERVAL);
    }
}

/// What a describe call says of a resource's state: not found is `None`, any other failure an
/// error in one line.
fn looked<T, E: ProvideErrorMetadata + std::error::Error + 'static>(
    result: Result<T, SdkError<E, HttpResponse>>,
    state: impl FnOnce(&T) -> Option<String>,
) -> Result<Option<String>, String> {
    match result {
        Ok(answer) => Ok(state(&answer)),
        Err(error) if error.code().is_some_and(errors::is_not_found) => Ok(None),
        Err(error) => Err(errors::one_line(&error)),
    }
}

/// A resource AWS creates or deletes asynchronously, as its describe call names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asynchronous {
    NatGateway(String),
    VpcEndpoint(String),
    LoadBalancer(String),
    DbCluster(String),
    DbInstance(String),
    EcsService { cluster: String, service: String },
}

/// The clients that look at them.
pub struct Lookers<'a> {
    pub ec2: &'a aws_sdk_ec2::Client,
    pub elb: &'a aws_sdk_elasticloadbalancingv2::Client,
    pub rds: &'a aws_sdk_rds::Client,
    pub ecs: &'a aws_sdk_ecs::Client,
}

impl<'a> Lookers<'a> {
    pub fn of(clients: &'a stackproof_clients::AwsClients) -> Self {
        Self {
            ec2: &clients.ec2,
            elb: &clients.elb,
            rds: &clients.rds,
            ecs: &clients.ecs,
        }
    }
}

impl Asynchronous {
    /// How it is named in progress and errors.
    pub fn describe(&self) -> String {
        match self {
            Self::NatGateway(id) => format!("NAT gateway {id}"),
            Self::VpcEndpoint(id) => format!("VPC endpoint {id}"),
            Self::LoadBalancer(arn) => format!("load balancer {arn}"),
            Self::DbCluster(id) => format!("Aurora cluster {id}"),
            Self::DbInstance(id) => format!("DB instance {id}"),
            Self::EcsService { service, .. } => format!("ECS service {service}"),
        }
    }

    /// How long AWS may take to create or delete it (AWS documents minutes for each; these
    /// leave a wide margin).
    fn deadline(&self) -> Duration {
        let minutes = match self {
            Self::NatGateway(_) | Self::EcsService { .. } => 15,
            Self::VpcEndpoint(_) | Self::LoadBalancer(_) => 10,
            Self::DbCluster(_) | Self::DbInstance(_) => 40,
        };
        Duration::from_secs(minutes * 60)
    }

    /// The state in which it can be used, and those it will not leave for it.
    fn ready_and_failed(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            Self::NatGateway(_) => ("available", &["failed", "deleting", "deleted"]),
            Self::VpcEndpoint(_) => ("available", &["failed", "rejected", "expired", "deleted"]),
            Self::LoadBalancer(_) => ("active", &["failed"]),
            Self::DbCluster(_) | Self::DbInstance(_) => (
                "available",
                &[
                    "failed",
                    "deleting",
                    "inaccessible-encryption-credentials",
                    "incompatible-network",
                    "incompatible-parameters",
                    "storage-full",
                ],
            ),
            Self::EcsService { .. } => ("active", &["inactive"]),
        }
    }

    /// Its state now, lower case as AWS's documentation spells it (`None`: not found).
    pub async fn state(&self, c: &Lookers<'_>) -> Result<Option<String>, String> {
        let state = match self {
            Self::NatGateway(id) => looked(
                c.ec2
                    .describe_nat_gateways()
                    .nat_gateway_ids(id)
                    .send()
                    .await,
                |o| Some(o.nat_gateways().first()?.state()?.as_str().to_string()),
            ),
            Self::VpcEndpoint(id) => looked(
                c.ec2
                    .describe_vpc_endpoints()
                    .vpc_endpoint_ids(id)
                    .send()
                    .await,
                |o| Some(o.vpc_endpoints().first()?.state()?.as_str().to_string()),
            ),
            Self::LoadBalancer(arn) => looked(
                (c.elb
                    .describe_load_balancers()
                    .load_balancer_arns(arn)
                    .send())
                .await,
                |o| {
                    Some(
                        o.load_balancers()
                            .first()?
                            .state()?
                            .code()?
                            .as_str()
                            .to_string(),
                    )
                },
            ),
            Self::DbCluster(id) => looked(
                (c.rds
                    .describe_db_clusters()
                    .db_cluster_identifier(id)
                    .send())
                .await,
                |o| Some(o.db_clusters().first()?.status()?.to_string()),
            ),
            Self::DbInstance(id) => looked(
                (c.rds
                    .describe_db_instances()
                    .db_instance_identifier(id)
                    .send())
                .await,
                |o| Some(o.db_instances().first()?.db_instance_status()?.to_string()),
            ),
            Self::EcsService { cluster, service } => looked(
                (c.ecs
                    .describe_services()
                    .cluster(cluster)
                    .services(service)
                    .send())
                .await,
                |o| Some(o.services().first()?.status()?.to_string()),
            ),
        }?;
        Ok(state.map(|s| s.to_ascii_lowercase()))
    }

    /// Waits until it can be used; the error names it and its last state.
    pub async fn until_ready(&self, c: &Lookers<'_>) -> Result<(), String> {
        let (ready, failed) = self.ready_and_failed();
        until(&self.describe(), self.deadline(), || async {
            match self.state(c).await {
                Ok(Some(state)) if state == ready => Poll::Done,
                Ok(Some(state)) if failed.contains(&state.as_str()) => Poll::Failed(state),
                Ok(Some(state)) => Poll::Pending(state),
                // Not visible yet (AWS's describes are eventually consistent).
                Ok(None) => Poll::Pending("not visible yet".into()),
                Err(error) => Poll::Failed(format!("unreadable ({error})")),
            }
        })
        .await
    }

    /// Waits until it is gone (deleted, inactive or not found): what it used is free again.
    pub async fn until_gone(&self, c: &Lookers<'_>) -> Result<(), String> {
        until(&self.describe(), self.deadline(), || async {
            match self.state(c).await {
                Ok(None) => Poll::Done,
                Ok(Some(state)) if state == "deleted" || state == "inactive" => Poll::Done,
                Ok(Some(state)) if state == "failed" => Poll::Failed(state),
                // Right after the call AWS may still show the state it had.
                Ok(Some(state)) => Poll::Pending(state),
                Err(error) => Poll::Failed(format!("unreadable ({error})")),
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[tokio::test]
    async fn waits_until_done_and_names_the_last_state_at_the_deadline() {
        let polls = Cell::new(0);
        let done = until("nat-1", Duration::from_secs(10), || {
            polls.set(polls.get() + 1);
            let n = polls.get();
            async move {
                if n < 4 {
                    Poll::Pending("pending".into())
                } else {
                    Poll::Done
                }
            }
        })
        .await;
        assert_eq!(done, Ok(()));
        assert_eq!(polls.get(), 4);
        let stuck = until("nat-2", Duration::from_secs(2), || async {
            Poll::Pending("deleting".into())
        })
        .await;
        assert_eq!(stuck, Err("nat-2 is still deleting after 2 s".into()));
        let failed = until("nat-3", Duration::from_secs(2), || async {
            Poll::Failed("failed".into())
        })
        .await;
        assert_eq!(failed, Err("nat-3 is failed".into()));
    }
}
