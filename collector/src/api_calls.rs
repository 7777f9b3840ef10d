//! Counting API requests by service and operation, with an SDK interceptor on every client.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use stackproof_checks::inventory::FetchError;

use stackproof_clients::errors::{error_code, is_answer as is_answer_code, without_service_answer};

/// Counts every request sent (retries included), keyed `service:Operation`, and remembers a
/// fingerprint of each first attempt (method, URI, body) so requests made twice show up. It also
/// sees every call's final outcome: calls that failed with anything but an answer ("not found",
/// "not configured") are kept, so a failure no collector recorded cannot go unnoticed.
#[derive(Debug, Clone, Default)]
pub struct ApiCallCounter {
    counts: Arc<Mutex<BTreeMap<String, u64>>>,
    fingerprints: Arc<Mutex<BTreeMap<(String, u64), u64>>>,
    failures: Arc<Mutex<Vec<FetchError>>>,
}

impl ApiCallCounter {
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.counts.lock().expect("api call counter lock").clone()
    }

    /// `service:Operation` → how many identical requests were sent more than once (retries of
    /// a failed attempt are not repeats).
    pub fn repeated(&self) -> BTreeMap<String, u64> {
        let mut repeated = BTreeMap::new();
        for ((operation, _), count) in self.fingerprints.lock().expect("fingerprint lock").iter() {
            if *count > 1 {
                *repeated.entry(operation.clone()).or_default() += count - 1;
            }
        }
        repeated
    }

    /// Calls whose final outcome (after retries) was a failure, not an answer.
    pub fn failures(&self) -> Vec<FetchError> {
        self.failures.lock().expect("failure lock").clone()
    }

    /// A failed call the collector recovered from (it read the same facts another way): it no
    /// longer counts as a failure nothing accounts for.
    pub fn recovered(&self, operation: &str) {
        let mut failures = self.failures.lock().expect("failure lock");
        if let Some(index) = failures.iter().position(|f| f.operation == operation) {
            failures.remove(index);
        }
    }

    pub fn total(&self) -> u64 {
        self.snapshot().values().sum()
    }
}

impl Intercept for ApiCallCounter {
    fn name(&self) -> &'static str {
        "stackproof-api-call-counter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(metadata) = cfg.load::<Metadata>() {
            let key = operation_key(metadata);
            *self
                .counts
                .lock()
                .expect("api call counter lock")
                .entry(key.clone())
                .or_default() += 1;
            let first_attempt = cfg
                .load::<RequestAttempts>()
                .is_none_or(|attempts| attempts.attempts() <= 1);
            if first_attempt {
                let request = context.request();
                let mut hasher = std::hash::DefaultHasher::new();
                request.method().hash(&mut hasher);
                request.uri().hash(&mut hasher);
                request.body().bytes().hash(&mut hasher);
                *self
                    .fingerprints
                    .lock()
                    .expect("fingerprint lock")
                    .entry((key, hasher.finish()))
                    .or_default() += 1;
            }
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(Err(error)) = context.output_or_error() else {
            return Ok(());
        };
        let Some(metadata) = cfg.load::<Metadata>() else {
            return Ok(());
        };
        let message = match context.response() {
            // A successful answer the SDK could not read: the collector reads such answers
            // itself where an emulator is known to send them (and records a failure otherwise).
            Some(response) if response.status().is_success() => return Ok(()),
            Some(response) if error.is_operation_error() => {
                let code = error_code(response);
                if is_answer_code(&code) {
                    return Ok(());
                }
                format!("{code} (HTTP {})", response.status().as_u16())
            }
            _ => without_service_answer(error),
        };
        self.failures
            .lock()
            .expect("failure lock")
            .push(FetchError {
                operation: operation_key(metadata),
                message,
            });
        Ok(())
    }
}

/// `service:Operation`, as the request table and every recorded failure name a call.
fn operation_key(metadata: &Metadata) -> String {
    format!("{}:{}", service_prefix(metadata.service()), metadata.name())
}

/// The IAM-style prefix of a service (`cloudwatch logs` → `logs`), as evidence names operations.
fn service_prefix(sdk_name: &str) -> String {
    let squashed: String = sdk_name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match squashed.as_str() {
        "cloudwatchlogs" => "logs".to_string(),
        "elasticloadbalancingv2" => "elasticloadbalancing".to_string(),
        "applicationautoscaling" => "application-autoscaling".to_string(),
        _ => squashed,
    }
}
