//! Throttling at AWS's request rates: a token bucket per API operation, as AWS applies them.
//!
//! Each bucket holds `burst` tokens and gains `refill` tokens per second; a request takes one
//! token, and a request that finds the bucket empty gets the protocol's throttling error. Only
//! read operations (`Describe*`, `List*`, `Get*`, `Head*`) are throttled: the rates below are
//! the read rates, which is what collection meets.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// A bucket's size and refill, for the operations a pattern matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// `service:Prefix*` (operations starting with Prefix) or `service:Operation`.
    pub pattern: &'static str,
    /// Tokens when full: the most requests in one instant.
    pub burst: f64,
    /// Tokens added per second: the sustained rate.
    pub refill: f64,
    /// Where the figure comes from (a documentation page), or why it is assumed.
    pub source: &'static str,
}

const EC2: &str =
    "EC2 API reference, Request throttling: non-mutating actions, bucket 100, refill 20/s, per API";
const ECS: &str = "ECS API reference, Request throttling (sustained = refill, burst = bucket); read actions taken at 20/s sustained, 50 burst";
const ASSUMED: &str = "no per-action figure published; a conservative assumption";

/// AWS's default read rates per account and Region, most specific pattern first. Operations no
/// pattern matches are not throttled. See docs/aws-realism.md for the table and its sources.
pub const AWS_DEFAULT_RATES: &[Rate] = &[
    rate("ec2:Describe*", 100.0, 20.0, EC2),
    rate("ecs:Describe*", 50.0, 20.0, ECS),
    rate("ecs:List*", 50.0, 20.0, ECS),
    rate("elasticloadbalancing:Describe*", 40.0, 10.0, ASSUMED),
    rate("rds:Describe*", 40.0, 10.0, ASSUMED),
    rate("iam:Get*", 20.0, 20.0, ASSUMED),
    rate("iam:List*", 20.0, 20.0, ASSUMED),
    rate(
        "logs:DescribeLogGroups",
        10.0,
        10.0,
        "CloudWatch Logs quotas: DescribeLogGroups 10 transactions per second",
    ),
    rate("logs:ListTagsForResource", 10.0, 10.0, ASSUMED),
    rate(
        "kms:*",
        500.0,
        500.0,
        "KMS request quotas: at least 500 per second for every read operation",
    ),
    rate("secretsmanager:DescribeSecret", 50.0, 50.0, ASSUMED),
    rate("sns:Get*", 30.0, 30.0, ASSUMED),
    rate(
        "ssm:Get*",
        40.0,
        40.0,
        "Systems Manager quotas: GetParameter* 40 per second (standard throughput)",
    ),
    rate("ecr:*", 20.0, 20.0, ASSUMED),
    rate("servicediscovery:*", 20.0, 20.0, ASSUMED),
    rate("applicationautoscaling:Describe*", 20.0, 20.0, ASSUMED),
    rate(
        "cloudwatch:DescribeAlarms",
        9.0,
        9.0,
        "CloudWatch quotas: DescribeAlarms 9 transactions per second",
    ),
    rate(
        "cloudwatch:GetDashboard",
        10.0,
        10.0,
        "CloudWatch quotas: GetDashboard 10 transactions per second",
    ),
    rate(
        "s3:*",
        3500.0,
        3500.0,
        "S3 performance guidelines: 5,500 GET/HEAD per second per prefix; 3,500 taken",
    ),
    rate("sts:GetCallerIdentity", 100.0, 100.0, ASSUMED),
];

const fn rate(pattern: &'static str, burst: f64, refill: f64, source: &'static str) -> Rate {
    Rate {
        pattern,
        burst,
        refill,
        source,
    }
}

impl Rate {
    fn matches(&self, operation: &str) -> bool {
        match self.pattern.strip_suffix('*') {
            Some(prefix) => operation.starts_with(prefix),
            None => operation == self.pattern,
        }
    }
}

/// Whether an operation only reads (the throttled kind).
pub fn is_read(operation: &str) -> bool {
    let name = operation
        .split_once(':')
        .map_or(operation, |(_, name)| name);
    ["Describe", "List", "Get", "Head"]
        .iter()
        .any(|verb| name.starts_with(verb))
}

/// Token buckets, one per operation, filled at first use (or empty, [`Throttle::drained`]).
#[derive(Debug)]
pub struct Throttle {
    rates: Vec<Rate>,
    buckets: Mutex<HashMap<String, Bucket>>,
    drained: bool,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Throttle {
    pub fn new(rates: Vec<Rate>) -> Self {
        Self {
            rates,
            buckets: Mutex::default(),
            drained: false,
        }
    }

    /// Every bucket starts empty, as in an account where another client has just used the
    /// burst: the first read of each throttled operation is throttled however slowly the
    /// client sends it, then the refill rate rules (a test meets throttling on any machine).
    pub fn drained(mut self) -> Self {
        self.drained = true;
        self
    }

    /// AWS's default read rates.
    pub fn aws_defaults() -> Self {
        Self::new(AWS_DEFAULT_RATES.to_vec())
    }

    /// Every rate multiplied by `factor` (a quota raised, or a test made stricter).
    pub fn scaled(mut self, factor: f64) -> Self {
        for rate in &mut self.rates {
            rate.burst = (rate.burst * factor).max(1.0);
            rate.refill *= factor;
        }
        self
    }

    /// Takes a token for `operation`; false when its bucket is empty (the request is throttled).
    pub fn admit(&self, operation: &str) -> bool {
        self.admit_at(operation, Instant::now())
    }

    fn admit_at(&self, operation: &str, now: Instant) -> bool {
        if !is_read(operation) {
            return true;
        }
        let Some(rate) = self.rates.iter().find(|rate| rate.matches(operation)) else {
            return true;
        };
        let mut buckets = self.buckets.lock().unwrap();
        let bucket = buckets.entry(operation.to_string()).or_insert(Bucket {
            tokens: if self.drained { 0.0 } else { rate.burst },
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate.refill).min(rate.burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_admits_its_burst_then_its_refill_rate() {
        let throttle = Throttle::new(vec![rate("ec2:Describe*", 100.0, 20.0, EC2)]);
        let start = Instant::now();
        let burst = (0..150)
            .filter(|_| throttle.admit_at("ec2:DescribeVpcs", start))
            .count();
        assert_eq!(burst, 100);
        // Half a second later, 10 tokens have come back.
        let later = start + Duration::from_millis(500);
        let refilled = (0..50)
            .filter(|_| throttle.admit_at("ec2:DescribeVpcs", later))
            .count();
        assert_eq!(refilled, 10);
    }

    #[test]
    fn a_drained_bucket_throttles_its_first_read_then_refills() {
        let throttle = Throttle::new(vec![rate("ec2:Describe*", 100.0, 20.0, EC2)]).drained();
        let start = Instant::now();
        assert!(!throttle.admit_at("ec2:DescribeVpcs", start));
        assert!(!throttle.admit_at("ec2:DescribeSubnets", start));
        let later = start + Duration::from_millis(100);
        let refilled = (0..10)
            .filter(|_| throttle.admit_at("ec2:DescribeVpcs", later))
            .count();
        assert_eq!(refilled, 2);
    }

    #[test]
    fn each_operation_has_its_own_bucket_and_writes_are_not_throttled() {
        let throttle = Throttle::new(vec![rate("ec2:Describe*", 1.0, 0.0, EC2)]);
        let now = Instant::now();
        assert!(throttle.admit_at("ec2:DescribeVpcs", now));
        assert!(!throttle.admit_at("ec2:DescribeVpcs", now));
        assert!(throttle.admit_at("ec2:DescribeSubnets", now));
        assert!(throttle.admit_at("ec2:CreateVpc", now));
        assert!(throttle.admit_at("ec2:CreateVpc", now));
        assert!(
            throttle.admit_at("iam:GetRole", now),
            "no pattern, no limit"
        );
    }

    #[test]
    fn the_default_table_matches_the_collectors_reads_most_specific_first() {
        let find = |operation: &str| {
            AWS_DEFAULT_RATES
                .iter()
                .find(|rate| rate.matches(operation))
                .map(|rate| rate.pattern)
        };
        assert_eq!(
            find("logs:DescribeLogGroups"),
            Some("logs:DescribeLogGroups")
        );
        assert_eq!(
            find("cloudwatch:DescribeAlarms"),
            Some("cloudwatch:DescribeAlarms")
        );
        assert_eq!(find("s3:GetBucketPolicy"), Some("s3:*"));
        assert_eq!(find("ec2:DescribeNatGateways"), Some("ec2:Describe*"));
        for rate in AWS_DEFAULT_RATES {
            assert!(rate.burst >= 1.0 && rate.refill > 0.0, "{}", rate.pattern);
            assert!(!rate.source.is_empty());
        }
    }
}

#[cfg(test)]
mod documented {
    use super::AWS_DEFAULT_RATES;

    /// docs/aws-realism.md shows the table; it must say what the code does.
    #[test]
    fn the_documented_table_is_the_default_table() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/aws-realism.md"),
        )
        .unwrap();
        let rows: Vec<(String, f64, f64)> = doc
            .lines()
            .filter(|line| line.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                (
                    cells[1].trim_matches('`').to_string(),
                    cells[2].parse().unwrap(),
                    cells[3].parse().unwrap(),
                )
            })
            .collect();
        let code: Vec<(String, f64, f64)> = AWS_DEFAULT_RATES
            .iter()
            .map(|rate| (rate.pattern.to_string(), rate.burst, rate.refill))
            .collect();
        assert_eq!(rows, code);
    }
}
