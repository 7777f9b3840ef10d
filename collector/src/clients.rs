//! The collector's clients: the shared bundle (`stackproof-clients`), each client with the
//! API-call counter, and what collection shares between concurrent branches.

use aws_types::SdkConfig;
use stackproof_clients::{AwsClients, ClientOptions};

use crate::api_calls::ApiCallCounter;

pub struct Clients {
    /// The SDK clients, each reporting to `counter` (fields reached through `Deref`).
    aws: AwsClients,
    /// Managed policy ARN → its default version's document, fetched once however many roles
    /// attach it (roles are collected concurrently).
    pub policy_documents: PolicyDocuments,
    /// The counter every client reports to (for failures the collector recovers from).
    pub counter: ApiCallCounter,
    /// Whether log groups' tags are read (a request per group; see `CollectOptions::not_read`).
    pub read_log_group_tags: bool,
}

impl std::ops::Deref for Clients {
    type Target = AwsClients;

    fn deref(&self) -> &AwsClients {
        &self.aws
    }
}

/// Offline tests put a mocked client in place of one.
impl std::ops::DerefMut for Clients {
    fn deref_mut(&mut self) -> &mut AwsClients {
        &mut self.aws
    }
}

/// Shared, fill-once documents of managed policies.
pub type PolicyDocuments = std::sync::Arc<
    std::sync::Mutex<
        std::collections::HashMap<
            String,
            std::sync::Arc<tokio::sync::OnceCell<Option<serde_json::Value>>>,
        >,
    >,
>;

impl Clients {
    /// `s3_path_style`: emulators serve buckets in the path, not as host names.
    pub fn new(config: &SdkConfig, counter: &ApiCallCounter, s3_path_style: bool) -> Self {
        let options = ClientOptions::s3_path_style(s3_path_style).intercepted_by(counter.clone());
        Self {
            aws: AwsClients::new(config, &options),
            policy_documents: PolicyDocuments::default(),
            counter: counter.clone(),
            read_log_group_tags: true,
        }
    }
}
