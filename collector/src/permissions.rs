//! The IAM permissions collection needs, from one source of truth: every operation the collector
//! can send, named as the request counter names it (`service:Operation`). `tests/faults.rs`
//! asserts every request of a real collection is in this table, so it cannot fall behind.

/// Every operation the collector can send, as the request counter names it.
pub const COLLECTOR_OPERATIONS: &[&str] = &[
    "application-autoscaling:DescribeScalableTargets",
    "application-autoscaling:DescribeScalingPolicies",
    "cloudwatch:DescribeAlarms",
    "cloudwatch:GetDashboard",
    "ec2:DescribeFlowLogs",
    "ec2:DescribeInternetGateways",
    "ec2:DescribeNatGateways",
    "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeVpcPeeringConnections",
    "ec2:DescribeVpcs",
    "ecr:DescribeRepositories",
    "ecr:GetLifecyclePolicy",
    "ecr:ListTagsForResource",
    "ecs:DescribeClusters",
    "ecs:DescribeServices",
    "ecs:DescribeTaskDefinition",
    "ecs:ListServices",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetGroups",
    "iam:GetAccountAuthorizationDetails",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:GetRole",
    "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:ListRolePolicies",
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListResourceTags",
    "logs:DescribeLogGroups",
    "logs:ListTagsForResource",
    "rds:DescribeDBClusters",
    "rds:DescribeDBInstances",
    "rds:DescribeDBSubnetGroups",
    "s3:GetBucketEncryption",
    "s3:GetBucketLifecycleConfiguration",
    "s3:GetBucketLogging",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketPolicy",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetPublicAccessBlock",
    "s3:HeadBucket",
    "secretsmanager:DescribeSecret",
    "servicediscovery:GetNamespace",
    "servicediscovery:GetService",
    "servicediscovery:ListServices",
    "sns:GetTopicAttributes",
    "sns:ListTagsForResource",
    "ssm:DescribeParameters",
    "sts:GetCallerIdentity",
];

/// What `drift` sends besides the collection's reads: `--notify-sns` publishes its summary.
pub const DRIFT_OPERATIONS: &[&str] = &["sns:Publish"];

/// The IAM action that allows an operation (the collector's or the provisioner's). They share
/// the operation's name except where S3's actions are named after what they read or write
/// rather than the API call.
pub fn iam_action(operation: &str) -> String {
    let renamed = match operation {
        "s3:GetBucketEncryption" => "s3:GetEncryptionConfiguration",
        "s3:GetBucketLifecycleConfiguration" => "s3:GetLifecycleConfiguration",
        "s3:GetPublicAccessBlock" => "s3:GetBucketPublicAccessBlock",
        "s3:HeadBucket" => "s3:ListBucket",
        // What provisioning and teardown send.
        "s3:PutBucketEncryption" => "s3:PutEncryptionConfiguration",
        "s3:PutBucketLifecycleConfiguration" => "s3:PutLifecycleConfiguration",
        "s3:PutPublicAccessBlock" => "s3:PutBucketPublicAccessBlock",
        "s3:ListBuckets" => "s3:ListAllMyBuckets",
        "s3:ListObjectVersions" => "s3:ListBucketVersions",
        // The Resource Groups Tagging API signs as `tagging`; its actions are `tag:`.
        "tagging:GetResources" => "tag:GetResources",
        other => other,
    };
    renamed.to_string()
}

/// The least-privilege policy document for `operations` and the `extra` actions AWS checks
/// besides theirs, on every resource (a stack's resources are not known before its outputs are
/// read, a scenario's before they are made).
pub fn policy(operations: &[&str], extra: &[&str], sid: &str) -> serde_json::Value {
    let mut actions: Vec<String> = operations.iter().map(|op| iam_action(op)).collect();
    actions.extend(extra.iter().map(|action| action.to_string()));
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": sid,
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}
