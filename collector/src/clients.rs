//! Every SDK client, built once from one `SdkConfig`, each with the API-call counter.

use aws_types::SdkConfig;

use crate::api_calls::ApiCallCounter;

pub struct Clients {
    pub ec2: aws_sdk_ec2::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub elbv2: aws_sdk_elasticloadbalancingv2::Client,
    pub rds: aws_sdk_rds::Client,
    pub s3: aws_sdk_s3::Client,
    pub iam: aws_sdk_iam::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub kms: aws_sdk_kms::Client,
    pub secrets: aws_sdk_secretsmanager::Client,
    pub sns: aws_sdk_sns::Client,
    pub sts: aws_sdk_sts::Client,
    pub ecr: aws_sdk_ecr::Client,
    pub servicediscovery: aws_sdk_servicediscovery::Client,
    pub autoscaling: aws_sdk_applicationautoscaling::Client,
    pub ssm: aws_sdk_ssm::Client,
    pub cloudwatch: aws_sdk_cloudwatch::Client,
    /// Managed policy ARN → its default version's document, fetched once however many roles
    /// attach it (roles are collected concurrently).
    pub policy_documents: PolicyDocuments,
    /// The counter every client reports to (for failures the collector recovers from).
    pub counter: ApiCallCounter,
    /// Whether log groups' tags are read (a request per group; see `CollectOptions::not_read`).
    pub read_log_group_tags: bool,
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

macro_rules! client {
    ($sdk:ident, $config:expr, $counter:expr) => {
        $sdk::Client::from_conf(
            $sdk::config::Builder::from($config)
                .interceptor($counter.clone())
                .build(),
        )
    };
}

impl Clients {
    /// `s3_path_style`: emulators serve buckets in the path, not as host names.
    pub fn new(config: &SdkConfig, counter: &ApiCallCounter, s3_path_style: bool) -> Self {
        let s3_config = aws_sdk_s3::config::Builder::from(config)
            .force_path_style(s3_path_style)
            .interceptor(counter.clone())
            .build();
        Self {
            ec2: client!(aws_sdk_ec2, config, counter),
            ecs: client!(aws_sdk_ecs, config, counter),
            elbv2: client!(aws_sdk_elasticloadbalancingv2, config, counter),
            rds: client!(aws_sdk_rds, config, counter),
            s3: aws_sdk_s3::Client::from_conf(s3_config),
            iam: client!(aws_sdk_iam, config, counter),
            logs: client!(aws_sdk_cloudwatchlogs, config, counter),
            kms: client!(aws_sdk_kms, config, counter),
            secrets: client!(aws_sdk_secretsmanager, config, counter),
            sns: client!(aws_sdk_sns, config, counter),
            sts: client!(aws_sdk_sts, config, counter),
            ecr: client!(aws_sdk_ecr, config, counter),
            servicediscovery: client!(aws_sdk_servicediscovery, config, counter),
            autoscaling: client!(aws_sdk_applicationautoscaling, config, counter),
            ssm: client!(aws_sdk_ssm, config, counter),
            cloudwatch: client!(aws_sdk_cloudwatch, config, counter),
            policy_documents: PolicyDocuments::default(),
            counter: counter.clone(),
            read_log_group_tags: true,
        }
    }
}
