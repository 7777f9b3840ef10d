//! The mutation matrix's parts: a [`Mutation`] breaks exactly one check's rule on a freshly
//! provisioned, compliant scenario with a few SDK calls, and says which other checks it may
//! flip (its blast radius). The catalogue is split by domain; `INEXPRESSIBLE` lists the checks
//! the emulator cannot break, with the reason (they are proven by fixtures only).

pub mod catalogue;

use std::future::Future;
use std::pin::Pin;

use aws_config::SdkConfig;
use stackproof_checks::inventory::Inventory;
use stackproof_provisioner::Outputs;
use stackproof_provisioner::scenarios::Scenario;

/// A compliant stack just provisioned and collected, handed to a mutation.
pub struct Stack {
    pub config: SdkConfig,
    pub outputs: Outputs,
    /// The outputs file the collector reads (mutations of the stack's contract edit it).
    pub outputs_file: std::path::PathBuf,
    /// What was collected before the mutation (ids, ARNs, names to aim at).
    pub inventory: Inventory,
}

impl Stack {
    pub fn ec2(&self) -> aws_sdk_ec2::Client {
        aws_sdk_ec2::Client::new(&self.config)
    }
    pub fn ecs(&self) -> aws_sdk_ecs::Client {
        aws_sdk_ecs::Client::new(&self.config)
    }
    pub fn logs(&self) -> aws_sdk_cloudwatchlogs::Client {
        aws_sdk_cloudwatchlogs::Client::new(&self.config)
    }
    pub fn iam(&self) -> aws_sdk_iam::Client {
        aws_sdk_iam::Client::new(&self.config)
    }
    pub fn s3(&self) -> aws_sdk_s3::Client {
        let config = aws_sdk_s3::config::Builder::from(&self.config)
            .force_path_style(true)
            .build();
        aws_sdk_s3::Client::from_conf(config)
    }
    pub fn rds(&self) -> aws_sdk_rds::Client {
        aws_sdk_rds::Client::new(&self.config)
    }
    pub fn elb(&self) -> aws_sdk_elasticloadbalancingv2::Client {
        aws_sdk_elasticloadbalancingv2::Client::new(&self.config)
    }
    pub fn ecr(&self) -> aws_sdk_ecr::Client {
        aws_sdk_ecr::Client::new(&self.config)
    }
    pub fn kms(&self) -> aws_sdk_kms::Client {
        aws_sdk_kms::Client::new(&self.config)
    }
    pub fn secrets(&self) -> aws_sdk_secretsmanager::Client {
        aws_sdk_secretsmanager::Client::new(&self.config)
    }
    pub fn discovery(&self) -> aws_sdk_servicediscovery::Client {
        aws_sdk_servicediscovery::Client::new(&self.config)
    }
    pub fn sns(&self) -> aws_sdk_sns::Client {
        aws_sdk_sns::Client::new(&self.config)
    }
    pub fn ssm(&self) -> aws_sdk_ssm::Client {
        aws_sdk_ssm::Client::new(&self.config)
    }
    pub fn cloudwatch(&self) -> aws_sdk_cloudwatch::Client {
        aws_sdk_cloudwatch::Client::new(&self.config)
    }
    pub fn scaling(&self) -> aws_sdk_applicationautoscaling::Client {
        aws_sdk_applicationautoscaling::Client::new(&self.config)
    }
}

pub type Applied<'a> = Pin<Box<dyn Future<Output = String> + Send + 'a>>;

/// One rule broken on purpose.
#[derive(Clone)]
pub struct Mutation {
    /// The check that must go from `pass` to `fail`.
    pub check: &'static str,
    pub scenario: Scenario,
    /// What the SDK calls change, for docs/mutation-matrix.md.
    pub change: &'static str,
    /// Checks the change may flip besides the target (a new task definition revision touches
    /// several ECS checks, for example).
    pub radius: &'static [&'static str],
    /// Applies the change; returns the id (or name) of the resource the target's failure names.
    pub apply: for<'a> fn(&'a Stack) -> Applied<'a>,
}

/// Declares the catalogue: `path::to::name => "CHECK" on Scenario, "change", radius [..];` for
/// each `async fn name(stack: &Stack) -> String`.
#[macro_export]
macro_rules! mutations {
    ($($name:path => $check:literal on $scenario:ident, $change:literal, radius [$($radius:literal),* $(,)?];)*) => {
        pub fn all() -> Vec<$crate::mutations::Mutation> {
            vec![$(
                $crate::mutations::Mutation {
                    check: $check,
                    scenario: stackproof_provisioner::scenarios::Scenario::$scenario,
                    change: $change,
                    radius: &[$($radius),*],
                    apply: |stack| Box::pin($name(stack)),
                }
            ),*]
        }
    };
}
