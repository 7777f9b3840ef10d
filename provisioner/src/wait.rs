//! Waiting for AWS's asynchronous states, where the emulator is instant: a bounded poll whose
//! interval grows from a quarter of a second to 15 seconds (quick on an emulator, a few dozen
//! requests over AWS's minutes), saying what it waits for whenever the state changes.

use std::future::Future;
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
    let mut interval = FIRST_INTERVAL;
    let mut last = String::new();
    loop {
        match poll().await {
            Poll::Done => return Ok(()),
            Poll::Failed(state) => return Err(format!("{what} is {state}")),
            Poll::Pending(state) => {
                if state != last {
                    tracing::info!("waiting for {what}: {state}");
                    last = state;
                }
            }
        }
        if started.elapsed() + interval > deadline {
            return Err(format!(
                "{what} is still {last} after {} s",
                deadline.as_secs()
            ));
        }
        tokio::time::sleep(interval).await;
        interval = (interval * 2).min(LONGEST_INTERVAL);
    }
}

/// How long a NAT gateway may take to become available or to be deleted (AWS: minutes).
pub const NAT_GATEWAY: Duration = Duration::from_secs(15 * 60);

/// A NAT gateway's state, as DescribeNatGateways shows it (`None`: not found).
pub async fn nat_gateway_state(
    ec2: &aws_sdk_ec2::Client,
    id: &str,
) -> Result<Option<String>, String> {
    match ec2.describe_nat_gateways().nat_gateway_ids(id).send().await {
        Ok(output) => Ok(output
            .nat_gateways()
            .first()
            .and_then(|n| n.state())
            .map(|s| s.as_str().to_string())),
        Err(error) => {
            use aws_sdk_ec2::error::ProvideErrorMetadata;
            match error.code() {
                Some("NatGatewayNotFound" | "InvalidNatGatewayID.NotFound") => Ok(None),
                _ => Err(crate::teardown::short_error(&error)),
            }
        }
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
