//! Many requests at once, with a bound.

use std::collections::BTreeSet;
use std::future::Future;

use futures::stream::{self, StreamExt};
use stackproof_checks::inventory::MissingResource;

/// Runs `fetch` for every id with at most `limit` in flight; splits found from missing.
pub async fn bounded<T, F, Fut>(
    limit: usize,
    ids: BTreeSet<String>,
    fetch: F,
) -> (Vec<T>, Vec<MissingResource>)
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = Result<T, MissingResource>>,
{
    let results: Vec<Result<T, MissingResource>> = stream::iter(ids)
        .map(fetch)
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for result in results {
        match result {
            Ok(item) => found.push(item),
            Err(item) => missing.push(item),
        }
    }
    (found, missing)
}
