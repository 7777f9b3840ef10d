//! Classifying output values into typed anchors, offline: by the value's shape first (ids, ARNs,
//! DNS names, URIs), then by hints in the key for values that are bare names.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::parse::OutputValue;

/// What a value points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorKind {
    Vpc,
    Subnet,
    SecurityGroup,
    InternetGateway,
    NatGateway,
    RouteTable,
    VpcEndpoint,
    ElasticIp,
    VpcPeering,
    LoadBalancer,
    LoadBalancerDns,
    TargetGroup,
    Listener,
    DbCluster,
    DbClusterEndpoint,
    DbClusterReaderEndpoint,
    DbInstance,
    DbInstanceEndpoint,
    EcsCluster,
    EcsService,
    TaskDefinition,
    EcrRepository,
    Bucket,
    IamRole,
    IamPolicy,
    LogGroup,
    KmsKey,
    KmsAlias,
    Secret,
    CloudMapNamespace,
    CloudMapService,
    SsmParameter,
    SnsTopic,
    Dashboard,
    Alarm,
    /// An ARN of a service or resource type stackproof does not collect.
    OtherArn,
    AccountId,
    Region,
    /// A plain setting (number, boolean, URL, port …): recorded, nothing to collect.
    Setting,
    /// Matches nothing: kept and reported, never dropped.
    Unclassified,
}

impl AnchorKind {
    /// Kinds that name no resource to collect.
    const NOT_RESOURCES: [AnchorKind; 5] = [
        AnchorKind::OtherArn,
        AnchorKind::AccountId,
        AnchorKind::Region,
        AnchorKind::Setting,
        AnchorKind::Unclassified,
    ];

    /// Whether an output of the kind written `name` (as [`AnchorKind::name`] writes it) names a
    /// resource stackproof collects.
    pub fn names_resource(name: &str) -> bool {
        !Self::NOT_RESOURCES.iter().any(|kind| kind.name() == name)
    }

    /// The kind as reports write it (`load-balancer-dns`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// A classified output value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    /// The identifier to look the resource up by (id, name, ARN, or the cluster id of an endpoint).
    pub id: String,
    pub key: String,
    pub stack: Option<String>,
    /// The value as written; `<sensitive>` for sensitive outputs.
    pub value: String,
    /// The region an ARN or DNS name names, when it names one.
    pub region: Option<String>,
    /// The line of the outputs file that declares the value.
    pub line: usize,
}

/// What is shown instead of a sensitive value.
pub const SENSITIVE: &str = "<sensitive>";

macro_rules! pattern {
    ($name:ident, $regex:literal) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($regex).expect("valid pattern"));
    };
}

pattern!(
    EC2_ID,
    r"^(vpc|subnet|sg|igw|nat|rtb|vpce|eipalloc|pcx)-[0-9a-f]{8,17}$"
);
pattern!(
    ELB_DNS,
    r"^(?:internal-)?[A-Za-z0-9-]+\.(?:([a-z]{2}-[a-z]+-\d)\.)?elb\.(?:([a-z]{2}-[a-z]+-\d)\.)?amazonaws\.com$"
);
pattern!(
    RDS_DNS,
    r"^([A-Za-z0-9-]+)\.(cluster-ro-|cluster-)?[a-z0-9]+\.([a-z]{2}-[a-z]+-\d)\.rds\.amazonaws\.com(?::\d+)?$"
);
pattern!(
    ECR_URI,
    r"^\d{12}\.dkr\.ecr\.([a-z]{2}-[a-z]+-\d)\.amazonaws\.com/([a-z0-9._/-]+?)(?::[\w.-]+|@sha256:[0-9a-f]+)?$"
);
pattern!(
    UUID,
    r"^(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$|^mrk-[0-9a-f]{32}$"
);
// EC2 ids of kinds stackproof does not collect (network ACLs, egress-only gateways, network
// interfaces, instances, images, snapshots, volumes, transit gateways, launch templates …):
// their shape says what they are, so the key's words must not make them something else.
pattern!(
    OTHER_EC2_ID,
    r"^(acl|eigw|eni|i|ami|snap|vol|tgw|tgw-attach|tgw-rtb|lt|dopt|cgw|vgw|vpn|fl|pl|eipassoc|rtbassoc|aclassoc|sgr|ipam|ipam-pool|vpc-cidr-assoc|subnet-cidr-assoc|eni-attach|lb|cvpn-endpoint|fleet|h|r|sir)-([0-9a-f]{8}|[0-9a-f]{17})$"
);
// A VPC endpoint's service name (`com.amazonaws.eu-west-1.ecr.dkr`): a setting, not a
// resource, whatever service it names.
pattern!(
    ENDPOINT_SERVICE,
    r"^(com\.amazonaws|aws\.api|aws\.sagemaker)\.([a-z]{2}-[a-z]+-\d\.)?[a-z0-9.-]+$"
);
pattern!(NAMESPACE, r"^ns-[a-z0-9]{8,32}$");
pattern!(DISCOVERY_SERVICE, r"^srv-[a-z0-9]{8,32}$");
pattern!(ACCOUNT, r"^\d{12}$");
pattern!(REGION, r"^(us|eu|ap|sa|ca|me|af|il|mx)-(gov-)?[a-z]+-\d$");
pattern!(NAME, r"^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$");
pattern!(
    SETTING,
    r"^(-?\d+(\.\d+)?|true|false|https?://\S+|[a-z]+://\S+)$"
);

/// Classifies one output value.
pub fn classify(output: &OutputValue) -> Anchor {
    let value = output.value.trim();
    let (kind, id, region) = match by_shape(value) {
        // A sensitive value is never looked up, printed or written, whatever it looks like: an
        // ARN or an account id marked sensitive is the stack author's secret to keep.
        _ if output.sensitive => (AnchorKind::Setting, SENSITIVE.to_string(), None),
        Some(classified) => classified,
        None => by_key(&output.key, value),
    };
    Anchor {
        kind,
        id,
        key: output.key.clone(),
        stack: output.stack.clone(),
        value: if output.sensitive {
            SENSITIVE.to_string()
        } else {
            output.value.clone()
        },
        region,
        line: output.line,
    }
}

type Classified = (AnchorKind, String, Option<String>);

fn by_shape(value: &str) -> Option<Classified> {
    use AnchorKind::*;
    if let Some(arn) = value.strip_prefix("arn:").map(|_| value) {
        return Some(by_arn(arn));
    }
    if EC2_ID.is_match(value) {
        let kind = match value.split('-').next()? {
            "vpc" => Vpc,
            "subnet" => Subnet,
            "sg" => SecurityGroup,
            "igw" => InternetGateway,
            "nat" => NatGateway,
            "rtb" => RouteTable,
            "vpce" => VpcEndpoint,
            "eipalloc" => ElasticIp,
            _ => VpcPeering,
        };
        return Some((kind, value.to_string(), None));
    }
    if OTHER_EC2_ID.is_match(value) {
        return Some((Unclassified, value.to_string(), None));
    }
    if ENDPOINT_SERVICE.is_match(value) {
        return Some((Setting, value.to_string(), None));
    }
    if let Some(captures) = ELB_DNS.captures(value) {
        let region = captures
            .get(1)
            .or(captures.get(2))
            .map(|m| m.as_str().to_string());
        return Some((LoadBalancerDns, value.to_string(), region));
    }
    if let Some(captures) = RDS_DNS.captures(value) {
        let kind = match captures.get(2).map(|m| m.as_str()) {
            Some("cluster-") => DbClusterEndpoint,
            Some(_) => DbClusterReaderEndpoint,
            None => DbInstanceEndpoint,
        };
        return Some((kind, captures[1].to_string(), Some(captures[3].to_string())));
    }
    if let Some(captures) = ECR_URI.captures(value) {
        return Some((
            EcrRepository,
            captures[2].to_string(),
            Some(captures[1].to_string()),
        ));
    }
    if let Some(bucket) = value.strip_prefix("s3://") {
        return Some((
            Bucket,
            bucket.trim_end_matches('/').split('/').next()?.to_string(),
            None,
        ));
    }
    if value.starts_with("alias/") {
        return Some((KmsAlias, value.to_string(), None));
    }
    if NAMESPACE.is_match(value) {
        return Some((CloudMapNamespace, value.to_string(), None));
    }
    if DISCOVERY_SERVICE.is_match(value) {
        return Some((CloudMapService, value.to_string(), None));
    }
    if ACCOUNT.is_match(value) {
        return Some((AccountId, value.to_string(), None));
    }
    if REGION.is_match(value) {
        return Some((Region, value.to_string(), None));
    }
    None
}

fn by_arn(value: &str) -> Classified {
    use AnchorKind::*;
    let Ok(arn) = value.parse::<aws_arn::ResourceName>() else {
        return (Unclassified, value.to_string(), None);
    };
    // An account is twelve digits: anything else is no ARN AWS wrote.
    let account = arn
        .account_id
        .as_ref()
        .map(|a| a.to_string())
        .unwrap_or_default();
    if !account.is_empty() && !ACCOUNT.is_match(&account) {
        return (Unclassified, value.to_string(), None);
    }
    let region = arn.region.as_ref().map(|r| r.to_string());
    let resource = arn.resource.to_string();
    let (resource_type, _) = resource
        .split_once(['/', ':'])
        .unwrap_or((resource.as_str(), ""));
    let kind = match (arn.service.to_string().as_str(), resource_type) {
        ("ec2", "vpc") => Vpc,
        ("ec2", "subnet") => Subnet,
        ("ec2", "security-group") => SecurityGroup,
        ("ec2", "internet-gateway") => InternetGateway,
        ("ec2", "natgateway") => NatGateway,
        ("ec2", "route-table") => RouteTable,
        ("ec2", "vpc-endpoint") => VpcEndpoint,
        ("elasticloadbalancing", "loadbalancer") => LoadBalancer,
        ("elasticloadbalancing", "targetgroup") => TargetGroup,
        ("elasticloadbalancing", "listener") => Listener,
        ("rds", "cluster") => DbCluster,
        ("rds", "db") => DbInstance,
        ("ecs", "cluster") => EcsCluster,
        ("ecs", "service") => EcsService,
        ("ecs", "task-definition") => TaskDefinition,
        ("ecr", "repository") => EcrRepository,
        ("s3", _) if !resource.contains('/') => Bucket,
        ("iam", "role") => IamRole,
        ("iam", "policy") => IamPolicy,
        ("logs", "log-group") => LogGroup,
        ("kms", "key") => KmsKey,
        ("kms", "alias") => KmsAlias,
        ("secretsmanager", "secret") => Secret,
        ("servicediscovery", "namespace") => CloudMapNamespace,
        ("servicediscovery", "service") => CloudMapService,
        ("ssm", "parameter") => SsmParameter,
        ("sns", _) => SnsTopic,
        ("cloudwatch", "dashboard") => Dashboard,
        ("cloudwatch", "alarm") => Alarm,
        _ => OtherArn,
    };
    (kind, value.to_string(), region)
}

/// Bare names: the key says what they are (`DataBucketName`, `ecs_cluster_name`, `LogGroup` …).
fn by_key(key: &str, value: &str) -> Classified {
    use AnchorKind::*;
    let key = key.to_ascii_lowercase().replace(['_', '-', '.'], "");
    let has = |words: &[&str]| words.iter().any(|word| key.contains(word));
    let kind = if value.is_empty() || SETTING.is_match(value) {
        Setting
    } else if value.starts_with('/') {
        if has(&["param", "ssm"]) {
            SsmParameter
        } else if has(&["log"]) || value.starts_with("/aws/") || value.starts_with("/ecs/") {
            LogGroup
        } else {
            Unclassified
        }
    } else if UUID.is_match(value) && has(&["kms", "key"]) {
        KmsKey
    } else if !NAME.is_match(value) {
        Unclassified
    } else if has(&["parametergroup", "subnetgroup", "optiongroup"]) {
        // An RDS group's name: nothing collected on its own (a cluster leads to its groups).
        Unclassified
    } else if has(&["bucket"]) {
        Bucket
    } else if has(&["loggroup", "logsgroup"]) {
        LogGroup
    } else if has(&["aurora", "rds", "database", "dbcluster"])
        && has(&["cluster", "identifier", "id"])
        || has(&["clusteridentifier"])
    {
        // `…cluster_identifier` is RDS's word for a cluster's name (DBClusterIdentifier);
        // ECS clusters have names and ARNs.
        DbCluster
    } else if has(&["cluster"]) {
        EcsCluster
    } else if has(&["repository", "repo", "ecr"]) {
        EcrRepository
    } else if has(&["servicename", "ecsservice"]) {
        EcsService
    } else if has(&["taskdefinition", "taskfamily"]) {
        TaskDefinition
    } else if has(&["rolename", "role"]) {
        IamRole
    } else if has(&["secret"]) {
        Secret
    } else if has(&["topic"]) {
        SnsTopic
    } else if has(&["dashboard"]) {
        Dashboard
    } else if has(&["alarm"]) {
        Alarm
    } else {
        Unclassified
    };
    (kind, value.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(key: &str, value: &str) -> AnchorKind {
        let output = OutputValue {
            key: key.into(),
            value: value.into(),
            ..OutputValue::default()
        };
        classify(&output).kind
    }

    /// Issue #38: an id or ARN whose shape says its kind wins over the key's words; shapes of
    /// kinds stackproof does not collect are unclassified, never guessed from the key.
    #[test]
    fn the_shape_of_a_value_wins_over_the_words_of_its_key() {
        use AnchorKind::*;
        let cases = [
            (
                "database_subnet_acl_id",
                "acl-0a1b2c3d4e5f60718",
                Unclassified,
            ),
            ("database_egress_gateway_id", "eigw-0a1b2c3d", Unclassified),
            ("database_cluster_id", "vpc-0a1b2c3d", Vpc),
            ("ecs_cluster_name", "subnet-0a1b2c3d", Subnet),
            (
                "db_cluster_parameter_group",
                "analytics-pg-dev",
                Unclassified,
            ),
            ("aurora_subnet_group", "analytics-dev", Unclassified),
            ("cluster_identifier", "analytics-aurora-dev", DbCluster),
            (
                "ecr_endpoint_service_name",
                "com.amazonaws.eu-west-1.ecr.dkr",
                Setting,
            ),
            ("s3_service_name", "com.amazonaws.us-east-1.s3", Setting),
            // Names a key does tell are still read by it.
            ("ClusterName", "web-prod", EcsCluster),
            ("aurora_cluster_identifier", "db-prod", DbCluster),
            ("ecr_repository", "web", EcrRepository),
        ];
        for (key, value, expected) in cases {
            assert_eq!(kind(key, value), expected, "{key} = {value}");
        }
    }
}
