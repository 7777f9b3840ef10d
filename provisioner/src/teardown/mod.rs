//! Teardown: the ledger walked backwards, each resource deleted (already-gone counts as done),
//! then every service scanned for anything of the run that is left.

use std::collections::BTreeMap;

use aws_types::SdkConfig;

use crate::in_region;
use crate::ledger::{Entry, Kind, Ledger, LedgerError};
use crate::wait::Lookers;
use stackproof_clients::{AwsClients, ClientOptions};

mod kinds;
mod leftovers;
pub use kinds::{KindTeardown, empty_bucket, teardown_of};
pub use leftovers::Scan;

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

/// Clients teardown and the leftover scan need: the shared bundle, without provisioning's
/// retry of "not found" (here it means gone).
pub type Clients = AwsClients;

/// How many times teardown scans for what the ledger does not hold and deletes it; a round
/// that deletes nothing ends the search, unless something is held by a deletion in progress.
const ADOPTION_ROUNDS: usize = 6;

/// How long teardown keeps retrying what AWS refuses to delete while something that uses it
/// is still being deleted (a load balancer's network interfaces linger for minutes).
const DEPENDENCY_DEADLINE: std::time::Duration = std::time::Duration::from_secs(20 * 60);

/// Whether a failed delete is AWS saying that something still being deleted uses it.
fn held_by_a_deletion(message: &str) -> bool {
    [
        "DependencyViolation",
        "InvalidIPAddress.InUse",
        "InvalidDBSubnetGroupStateFault",
        "InvalidDBClusterStateFault",
        "ClusterContainsServicesException",
        "ResourceInUse",
    ]
    .iter()
    .any(|code| message.starts_with(code))
}

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
    let mut failed = Vec::new();
    for entry in entries {
        match Box::pin(delete(&clients[&entry.region], &entry)).await {
            Ok(()) => report.removed.push(label(&entry)),
            Err(message) => failed.push((entry, message)),
        }
    }
    ledger.retain(|entry| failed.iter().any(|(e, _)| e == entry))?;
    // Boxed, as each scan is: their states together are too large for a thread's stack.
    let sweep = sweep(
        &clients,
        ledger.suffix(),
        ledger.entries(),
        failed,
        &mut report,
    );
    let (present, failed) = Box::pin(sweep).await;
    ledger.retain(|entry| {
        let key = (entry.kind, entry.id.clone());
        present.contains(&key) || failed.contains(&key)
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
    Box::pin(sweep(&clients, suffix, &[], Vec::new(), &mut report)).await;
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
            let options = ClientOptions::s3_path_style(s3_path_style);
            let clients = Clients::new(&in_region(config, &region), &options);
            (region, clients)
        })
        .collect()
}

/// Scans every region of `clients` for the run `suffix` and deletes what it finds, in rounds,
/// dependents first, until a round deletes nothing; what `failed` before is tried again once
/// what held it up is gone (a VPC with a subnet the ledger never recorded). A last scan fills
/// `report.leftovers` and `unscanned`; a failure goes to `report.failed` while its resource is
/// there or the scan cannot tell. Returns what is still present and what failed.
async fn sweep(
    clients: &BTreeMap<String, Clients>,
    suffix: &str,
    recorded: &[Entry],
    failed: Vec<(Entry, String)>,
    report: &mut Teardown,
) -> (Vec<(Kind, String)>, Vec<(Kind, String)>) {
    let key = |entry: &Entry| (entry.kind, entry.id.clone());
    let mut failures: BTreeMap<(Kind, String), String> = (failed.into_iter())
        .map(|(entry, message)| (key(&entry), message))
        .collect();
    let started = std::time::Instant::now();
    for round in 0.. {
        let mut found = Vec::new();
        for (region, clients) in clients {
            found.extend(Box::pin(leftovers(clients, suffix, region)).await.found);
        }
        if found.is_empty() {
            break;
        }
        if round > 0 {
            // What AWS is still deleting (a NAT gateway, a cluster's instances, a load
            // balancer's network interfaces) holds up what depends on it: give it a moment
            // before the next round, and say what holds what (a pause of at most 20 s keeps a
            // line in the log at least every 30 s however long the sweep goes on).
            let pause = (2 * round as u64).min(20);
            let left = DEPENDENCY_DEADLINE.saturating_sub(started.elapsed());
            crate::progress::say(&sweep_progress(&found, &failures, round, pause, left));
            tokio::time::sleep(std::time::Duration::from_secs(pause)).await;
        }
        // The ledger's kinds are in creation order: dependents come later, so go backwards.
        found.sort_by_key(|entry| std::cmp::Reverse(entry.kind));
        let (mut progress, mut held) = (false, false);
        for entry in found {
            let in_ledger = (recorded.iter()).any(|e| e.kind == entry.kind && e.id == entry.id);
            match Box::pin(delete(&clients[&entry.region], &entry)).await {
                Ok(()) => {
                    failures.remove(&key(&entry));
                    report.removed.push(match in_ledger {
                        true => label(&entry),
                        false => format!("{} (not in the ledger)", label(&entry)),
                    });
                    progress = true;
                }
                Err(message) => {
                    held |= held_by_a_deletion(&message);
                    failures.insert(key(&entry), message);
                }
            }
        }
        // Another round while something was deleted (what it held may go now) or AWS is still
        // deleting what holds something up; a round of neither ends the search.
        let more = (progress && round + 1 < ADOPTION_ROUNDS) || held;
        if !more || started.elapsed() > DEPENDENCY_DEADLINE {
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
    // A failure counts while its resource is there, or the scan cannot tell (a listing failed,
    // or no listing finds its kind).
    let unsure = !report.unscanned.is_empty();
    failures.retain(|(kind, id), _| {
        let unlisted = matches!(teardown_of(*kind).found, kinds::Found::Never);
        unsure || present.contains(&(*kind, id.clone())) || unlisted
    });
    report.failed = (failures.iter())
        .map(|((kind, id), message)| (label_of(*kind, id), message.clone()))
        .collect();
    (present, failures.into_keys().collect())
}

/// What a sweep round waits for: how many resources are left, the first few refusals that hold
/// them (what AWS is still deleting), and when the sweep gives up.
fn sweep_progress(
    found: &[Entry],
    failures: &BTreeMap<(Kind, String), String>,
    round: usize,
    pause: u64,
    left: std::time::Duration,
) -> String {
    let held: Vec<String> = (failures.iter())
        .filter(|(_, message)| held_by_a_deletion(message))
        .map(|((kind, id), message)| {
            let code = message.split(':').next().unwrap_or_default();
            format!("{} ({code})", label_of(*kind, id))
        })
        .collect();
    let holding = match held.len() {
        0 => "nothing refused".to_string(),
        count => {
            let more = (count > 3).then(|| format!(" and {} more", count - 3));
            format!(
                "{count} held by deletions AWS has not finished: {}{}",
                held[..count.min(3)].join(", "),
                more.unwrap_or_default()
            )
        }
    };
    format!(
        "sweeping what is left: {} resources, {holding}; round {} in {pause} s (gives up at {})",
        found.len(),
        round + 1,
        crate::progress::gives_up_at(left)
    )
}

/// Everything of the run (by its suffix in names and tags) that still exists in `region`: each
/// kind's listing of the teardown table, in creation order.
pub async fn leftovers(c: &Clients, suffix: &str, region: &str) -> Scan {
    let scope = leftovers::Scope { c, suffix, region };
    let mut scan = Scan::default();
    for kind in Kind::ALL {
        if let kinds::Found::By(operation, scanner) = teardown_of(kind).found {
            scanner(&scope, &mut scan, operation).await;
        }
    }
    scan
}

/// `kind id`, as reports name a resource of the run.
fn label(entry: &Entry) -> String {
    label_of(entry.kind, &entry.id)
}

fn label_of(kind: Kind, id: &str) -> String {
    let kind = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    format!("{kind} {id}")
}

/// Deletes one resource as its kind's entry of the teardown table says ([`kinds`]): already
/// gone counts as done, and what AWS deletes asynchronously is waited for until it is gone.
async fn delete(c: &Clients, entry: &Entry) -> Result<(), String> {
    let kind = teardown_of(entry.kind);
    let deleting = entry.context.contains_key(leftovers::DELETING) && kind.awaited.is_some();
    if !deleting {
        match (kind.delete)(c, entry).await {
            Err(failure) if !failure.means_gone(kind.gone) => return Err(failure.line),
            _ => {}
        }
    }
    match kind.awaited {
        Some(awaited) => awaited(entry).until_gone(&Lookers::of(c)).await,
        None => Ok(()),
    }
}
