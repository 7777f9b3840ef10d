//! Every AWS SDK client stackproof uses, built once from one `SdkConfig`. The collector, the
//! provisioner and teardown share this bundle; each says what its calls need through
//! [`ClientOptions`]: the collector an interceptor counting API calls, provisioning a retry
//! classifier for what AWS has not made visible yet, emulators path-style S3.

pub mod errors;

use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, SharedRetryClassifier};
use aws_types::SdkConfig;

/// One client per AWS service stackproof calls.
#[derive(Clone, Debug)]
pub struct AwsClients {
    pub ec2: aws_sdk_ec2::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub elb: aws_sdk_elasticloadbalancingv2::Client,
    pub rds: aws_sdk_rds::Client,
    pub s3: aws_sdk_s3::Client,
    pub iam: aws_sdk_iam::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub kms: aws_sdk_kms::Client,
    pub secrets: aws_sdk_secretsmanager::Client,
    pub sns: aws_sdk_sns::Client,
    pub sts: aws_sdk_sts::Client,
    pub cloudwatch: aws_sdk_cloudwatch::Client,
    pub ecr: aws_sdk_ecr::Client,
    pub discovery: aws_sdk_servicediscovery::Client,
    pub autoscaling: aws_sdk_applicationautoscaling::Client,
    pub acm: aws_sdk_acm::Client,
    pub ssm: aws_sdk_ssm::Client,
    pub kinesis: aws_sdk_kinesis::Client,
    pub backup: aws_sdk_backup::Client,
    pub tagging: aws_sdk_resourcegroupstagging::Client,
}

/// What every client of a bundle carries beyond the `SdkConfig`.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// Emulators serve buckets in the path, not as host names.
    pub s3_path_style: bool,
    pub interceptor: Option<SharedInterceptor>,
    pub retry_classifier: Option<SharedRetryClassifier>,
}

impl ClientOptions {
    pub fn s3_path_style(s3_path_style: bool) -> Self {
        Self {
            s3_path_style,
            ..Self::default()
        }
    }

    /// Every client reports to `interceptor`.
    pub fn intercepted_by(mut self, interceptor: impl Intercept + 'static) -> Self {
        self.interceptor = Some(SharedInterceptor::new(interceptor));
        self
    }

    /// Every client also retries what `classifier` says is retryable.
    pub fn retrying(mut self, classifier: impl ClassifyRetry + 'static) -> Self {
        self.retry_classifier = Some(SharedRetryClassifier::new(classifier));
        self
    }
}

/// A client of `$sdk` from `$config` with `$options`; `$adjust` edits the service's builder.
macro_rules! client {
    ($sdk:ident, $config:expr, $options:expr) => {
        client!(
            $sdk,
            $config,
            $options,
            |_builder: &mut $sdk::config::Builder| {}
        )
    };
    ($sdk:ident, $config:expr, $options:expr, $adjust:expr) => {{
        let mut builder = $sdk::config::Builder::from($config);
        if let Some(interceptor) = &$options.interceptor {
            builder.push_interceptor(interceptor.clone());
        }
        if let Some(classifier) = &$options.retry_classifier {
            builder.push_retry_classifier(classifier.clone());
        }
        $adjust(&mut builder);
        $sdk::Client::from_conf(builder.build())
    }};
}

impl AwsClients {
    /// The bundle with no options: for the few calls made outside a collection or a
    /// provisioning (the preflight, a drift alert).
    pub fn plain(config: &SdkConfig) -> Self {
        Self::new(config, &ClientOptions::default())
    }

    pub fn new(config: &SdkConfig, options: &ClientOptions) -> Self {
        let path_style = options.s3_path_style;
        Self {
            ec2: client!(aws_sdk_ec2, config, options),
            ecs: client!(aws_sdk_ecs, config, options),
            elb: client!(aws_sdk_elasticloadbalancingv2, config, options),
            rds: client!(aws_sdk_rds, config, options),
            s3: client!(
                aws_sdk_s3,
                config,
                options,
                |b: &mut aws_sdk_s3::config::Builder| {
                    b.set_force_path_style(Some(path_style));
                }
            ),
            iam: client!(aws_sdk_iam, config, options),
            logs: client!(aws_sdk_cloudwatchlogs, config, options),
            kms: client!(aws_sdk_kms, config, options),
            secrets: client!(aws_sdk_secretsmanager, config, options),
            sns: client!(aws_sdk_sns, config, options),
            sts: client!(aws_sdk_sts, config, options),
            cloudwatch: client!(aws_sdk_cloudwatch, config, options),
            ecr: client!(aws_sdk_ecr, config, options),
            discovery: client!(aws_sdk_servicediscovery, config, options),
            autoscaling: client!(aws_sdk_applicationautoscaling, config, options),
            acm: client!(aws_sdk_acm, config, options),
            ssm: client!(aws_sdk_ssm, config, options),
            kinesis: client!(aws_sdk_kinesis, config, options),
            backup: client!(aws_sdk_backup, config, options),
            tagging: client!(aws_sdk_resourcegroupstagging, config, options),
        }
    }
}
