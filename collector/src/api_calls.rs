//! Counting API requests by service and operation, with an SDK interceptor on every client.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Counts every request sent (retries included), keyed `service:Operation`.
#[derive(Debug, Clone, Default)]
pub struct ApiCallCounter {
    counts: Arc<Mutex<BTreeMap<String, u64>>>,
}

impl ApiCallCounter {
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.counts.lock().expect("api call counter lock").clone()
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
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(metadata) = cfg.load::<Metadata>() {
            let key = format!("{}:{}", service_prefix(metadata.service()), metadata.name());
            *self
                .counts
                .lock()
                .expect("api call counter lock")
                .entry(key)
                .or_default() += 1;
        }
        Ok(())
    }
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
        _ => squashed,
    }
}
