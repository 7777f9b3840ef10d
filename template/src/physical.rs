//! What `Ref` and `Fn::GetAtt` of a template's resource stand for before deploy: values in the
//! shape AWS gives them (an EC2 id with its prefix, an ARN, a name), with the logical id where
//! AWS would generate something. The same function names the resources in the inventory, so a
//! `Ref` in one resource finds the resource it names, as the real ids would after deploy.
//! Attributes of custom resources are whatever their code returns: unknown.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::resolve::{Pseudo, partition_of, unknown};

/// Logical id → what it stands for.
pub type Handles = BTreeMap<String, Handle>;

#[derive(Debug, Clone)]
pub struct Handle {
    /// What `Ref` returns.
    pub reference: Value,
    attributes: BTreeMap<&'static str, Value>,
    /// A custom resource: every attribute is known only after deploy.
    custom: bool,
}

impl Handle {
    /// `Fn::GetAtt logical.attribute`.
    pub fn attribute(&self, logical: &str, attribute: &str) -> Value {
        if self.custom {
            return unknown(format!(
                "Fn::GetAtt {logical}.{attribute} (a custom resource's answer)"
            ));
        }
        if let Some(value) = self.attributes.get(attribute) {
            return value.clone();
        }
        match attribute {
            "Arn" => self
                .attributes
                .get("arn")
                .cloned()
                .unwrap_or_else(|| Value::String(format!("arn:aws:cloudformation:::{logical}"))),
            _ => Value::String(format!("{logical}.{attribute}")),
        }
    }
}

/// The property that names a resource of `kind`, when it has one.
pub fn name_property(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "AWS::ECS::Cluster" => "ClusterName",
        "AWS::ECS::Service" => "ServiceName",
        "AWS::ECS::TaskDefinition" => "Family",
        "AWS::ElasticLoadBalancingV2::LoadBalancer"
        | "AWS::ElasticLoadBalancingV2::TargetGroup" => "Name",
        "AWS::RDS::DBCluster" => "DBClusterIdentifier",
        "AWS::RDS::DBInstance" => "DBInstanceIdentifier",
        "AWS::RDS::DBSubnetGroup" => "DBSubnetGroupName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::IAM::ManagedPolicy" => "ManagedPolicyName",
        "AWS::IAM::Policy" => "PolicyName",
        "AWS::SecretsManager::Secret" => "Name",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::ECR::Repository" => "RepositoryName",
        "AWS::ServiceDiscovery::PrivateDnsNamespace"
        | "AWS::ServiceDiscovery::PublicDnsNamespace"
        | "AWS::ServiceDiscovery::HttpNamespace"
        | "AWS::ServiceDiscovery::Service" => "Name",
        "AWS::ApplicationAutoScaling::ScalingPolicy" => "PolicyName",
        "AWS::SSM::Parameter" => "Name",
        "AWS::CloudWatch::Alarm" => "AlarmName",
        "AWS::CloudWatch::Dashboard" => "DashboardName",
        "AWS::KMS::Alias" => "AliasName",
        "AWS::EC2::SecurityGroup" => "GroupName",
        _ => return None,
    })
}

/// An id AWS generates as a UUID (a key's, the one in an RDS-managed secret's name), the same
/// for the same logical id: AWS picks the real one at deploy, so drift and references treat it
/// as they treat a deployed one.
pub fn uuid_of(logical: &str) -> String {
    // FNV-1a, twice with different offsets: 128 bits, stable across runs and platforms.
    let fnv = |offset: u64| {
        (logical.bytes()).fold(offset, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (high, low) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4));
    let hex = format!("{high:016x}{low:016x}");
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The six characters Secrets Manager appends to a secret's name in its ARN.
pub fn random_tail(logical: &str) -> String {
    uuid_of(logical)[..6].to_string()
}

/// The name RDS gives the master user secret it manages for the cluster `logical`.
pub fn managed_secret_name(logical: &str) -> String {
    format!("rds!cluster-{}", uuid_of(logical))
}

/// How a resource AWS creates with a declared one (a VPC's main route table, a cluster's managed
/// secret) is named in results: `<logical id>.<what>`. CloudFormation logical ids are
/// alphanumeric, so the dot marks it as AWS's, not the template's (see [`is_implicit`]).
pub fn implicit_logical(owner: &str, what: &str) -> String {
    format!("{owner}.{what}")
}

/// Whether a logical id names a resource AWS creates with a declared one.
pub fn is_implicit(logical: &str) -> bool {
    logical.contains('.')
}

/// The id of the default security group AWS creates with the VPC `vpc`.
pub fn default_group_of(vpc: &str) -> String {
    format!("{vpc}-default-sg")
}

/// Whether `prefix` is one [`ec2_prefix`] gives.
pub fn is_ec2_prefix(prefix: &str) -> bool {
    EC2_PREFIXES.iter().any(|(_, p)| *p == prefix)
}

/// EC2 resource types whose `Ref` is their id, with the id's prefix.
const EC2_PREFIXES: &[(&str, &str)] = &[
    ("AWS::EC2::VPC", "vpc"),
    ("AWS::EC2::Subnet", "subnet"),
    ("AWS::EC2::RouteTable", "rtb"),
    ("AWS::EC2::InternetGateway", "igw"),
    ("AWS::EC2::EgressOnlyInternetGateway", "eigw"),
    ("AWS::EC2::NatGateway", "nat"),
    ("AWS::EC2::VPCEndpoint", "vpce"),
    ("AWS::EC2::SecurityGroup", "sg"),
    ("AWS::EC2::FlowLog", "fl"),
    ("AWS::EC2::VPCPeeringConnection", "pcx"),
    ("AWS::EC2::NetworkAcl", "acl"),
    ("AWS::EC2::TransitGateway", "tgw"),
    ("AWS::EC2::VPNGateway", "vgw"),
    ("AWS::EC2::PrefixList", "pl"),
    ("AWS::EC2::Instance", "i"),
    ("AWS::EC2::LaunchTemplate", "lt"),
    ("AWS::EC2::NetworkInterface", "eni"),
    ("AWS::EC2::Volume", "vol"),
];

/// The id prefix of an EC2 resource whose `Ref` is its id.
pub fn ec2_prefix(kind: &str) -> Option<&'static str> {
    EC2_PREFIXES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, prefix)| *prefix)
}

/// The default name AWS gives a resource the template does not name: the stack's name and the
/// logical id (AWS adds a random tail, which no check judges).
pub fn generated_name(kind: &str, logical: &str, pseudo: &Pseudo) -> String {
    let name = format!("{}-{logical}", pseudo.stack);
    match kind {
        "AWS::S3::Bucket" | "AWS::RDS::DBCluster" | "AWS::RDS::DBInstance" => {
            name.to_ascii_lowercase()
        }
        "AWS::Logs::LogGroup" => format!("/{}/{logical}", pseudo.stack),
        _ => name,
    }
}

/// Every resource's handle, given each one's name (see [`name_property`]).
pub fn handles(
    resources: &Map<String, Value>,
    names: &BTreeMap<String, String>,
    pseudo: &Pseudo,
) -> Handles {
    resources
        .iter()
        .map(|(logical, resource)| {
            let kind = resource["Type"].as_str().unwrap_or_default();
            let name = names
                .get(logical)
                .cloned()
                .unwrap_or_else(|| generated_name(kind, logical, pseudo));
            (logical.clone(), handle(kind, logical, &name, pseudo))
        })
        .collect()
}

fn handle(kind: &str, logical: &str, name: &str, pseudo: &Pseudo) -> Handle {
    let custom = kind.starts_with("Custom::") || kind == "AWS::CloudFormation::CustomResource";
    let (region, account) = (&pseudo.region, &pseudo.account);
    let partition = partition_of(region);
    let arn = |service: &str, resource: &str| {
        format!("arn:{partition}:{service}:{region}:{account}:{resource}")
    };
    let text = |s: String| Value::String(s);
    let mut attributes: BTreeMap<&'static str, Value> = BTreeMap::new();
    let reference = if let Some(prefix) = ec2_prefix(kind) {
        let id = physical_id(prefix, logical);
        for attribute in [
            "Id",
            "VpcId",
            "SubnetId",
            "GroupId",
            "RouteTableId",
            "AllocationId",
        ] {
            attributes.insert(attribute, text(id.clone()));
        }
        attributes.insert("arn", text(arn("ec2", &format!("{prefix}/{id}"))));
        if kind == "AWS::EC2::VPC" {
            attributes.insert("DefaultSecurityGroup", text(default_group_of(&id)));
        }
        text(id)
    } else {
        let (reference, arn_value) = match kind {
            "AWS::ECS::Cluster" => (name.to_string(), arn("ecs", &format!("cluster/{name}"))),
            "AWS::ECS::Service" => {
                let a = arn("ecs", &format!("service/{name}"));
                (a.clone(), a)
            }
            "AWS::ECS::TaskDefinition" => {
                let a = arn("ecs", &format!("task-definition/{name}:1"));
                (a.clone(), a)
            }
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
                let a = arn(
                    "elasticloadbalancing",
                    &format!("loadbalancer/app/{name}/{logical}"),
                );
                attributes.insert(
                    "DNSName",
                    text(format!("{name}.{region}.elb.amazonaws.com")),
                );
                attributes.insert("LoadBalancerName", text(name.into()));
                attributes.insert(
                    "LoadBalancerFullName",
                    text(format!("app/{name}/{logical}")),
                );
                (a.clone(), a)
            }
            "AWS::ElasticLoadBalancingV2::TargetGroup" => {
                let a = arn(
                    "elasticloadbalancing",
                    &format!("targetgroup/{name}/{logical}"),
                );
                attributes.insert("TargetGroupName", text(name.into()));
                attributes.insert(
                    "TargetGroupFullName",
                    text(format!("targetgroup/{name}/{logical}")),
                );
                (a.clone(), a)
            }
            "AWS::ElasticLoadBalancingV2::Listener"
            | "AWS::ElasticLoadBalancingV2::ListenerRule" => {
                let a = arn("elasticloadbalancing", &format!("listener/{logical}"));
                (a.clone(), a)
            }
            "AWS::RDS::DBCluster" => {
                attributes.insert(
                    "Endpoint.Address",
                    // AWS's shape, `<id>.cluster-<account hash>.<region>…`; the hash is AWS's.
                    text(format!(
                        "{name}.cluster-template.{region}.rds.amazonaws.com"
                    )),
                );
                attributes.insert(
                    "ReadEndpoint.Address",
                    text(format!(
                        "{name}.cluster-ro-template.{region}.rds.amazonaws.com"
                    )),
                );
                attributes.insert(
                    "MasterUserSecret.SecretArn",
                    text(arn(
                        "secretsmanager",
                        &format!(
                            "secret:{}-{}",
                            managed_secret_name(logical),
                            random_tail(logical)
                        ),
                    )),
                );
                (name.to_string(), arn("rds", &format!("cluster:{name}")))
            }
            "AWS::RDS::DBInstance" => (name.to_string(), arn("rds", &format!("db:{name}"))),
            "AWS::RDS::DBSubnetGroup" => (name.to_string(), arn("rds", &format!("subgrp:{name}"))),
            "AWS::CloudWatch::Dashboard" => (
                name.to_string(),
                format!("arn:{partition}:cloudwatch::{account}:dashboard/{name}"),
            ),
            "AWS::SSM::Parameter" => {
                let path = name.trim_start_matches('/');
                (name.to_string(), arn("ssm", &format!("parameter/{path}")))
            }
            "AWS::KMS::Alias" => (name.to_string(), arn("kms", name)),
            "AWS::S3::Bucket" => {
                attributes.insert("DomainName", text(format!("{name}.s3.amazonaws.com")));
                attributes.insert(
                    "RegionalDomainName",
                    text(format!("{name}.s3.{region}.amazonaws.com")),
                );
                (name.to_string(), format!("arn:{partition}:s3:::{name}"))
            }
            "AWS::IAM::Role" => {
                attributes.insert("RoleId", text(format!("AROA{logical}")));
                (
                    name.to_string(),
                    format!("arn:{partition}:iam::{account}:role/{name}"),
                )
            }
            "AWS::IAM::ManagedPolicy" => {
                let a = format!("arn:{partition}:iam::{account}:policy/{name}");
                (a.clone(), a)
            }
            "AWS::IAM::InstanceProfile" => (
                name.to_string(),
                format!("arn:{partition}:iam::{account}:instance-profile/{name}"),
            ),
            "AWS::KMS::Key" => {
                let id = uuid_of(logical);
                attributes.insert("KeyId", text(id.clone()));
                (id.clone(), arn("kms", &format!("key/{id}")))
            }
            "AWS::SecretsManager::Secret" => {
                let tail = random_tail(logical);
                let a = arn("secretsmanager", &format!("secret:{name}-{tail}"));
                (a.clone(), a)
            }
            "AWS::Logs::LogGroup" => (
                name.to_string(),
                arn("logs", &format!("log-group:{name}:*")),
            ),
            "AWS::SNS::Topic" => {
                let a = arn("sns", name);
                attributes.insert("TopicName", text(name.into()));
                (a.clone(), a)
            }
            "AWS::ECR::Repository" => {
                attributes.insert(
                    "RepositoryUri",
                    text(format!("{account}.dkr.ecr.{region}.amazonaws.com/{name}")),
                );
                (name.to_string(), arn("ecr", &format!("repository/{name}")))
            }
            "AWS::ServiceDiscovery::PrivateDnsNamespace"
            | "AWS::ServiceDiscovery::PublicDnsNamespace"
            | "AWS::ServiceDiscovery::HttpNamespace" => {
                let id = format!("ns-{logical}");
                attributes.insert("Id", text(id.clone()));
                (
                    id.clone(),
                    arn("servicediscovery", &format!("namespace/{id}")),
                )
            }
            "AWS::ServiceDiscovery::Service" => {
                let id = format!("srv-{logical}");
                attributes.insert("Id", text(id.clone()));
                (
                    id.clone(),
                    arn("servicediscovery", &format!("service/{id}")),
                )
            }
            "AWS::ApplicationAutoScaling::ScalingPolicy" => {
                let a = arn(
                    "autoscaling",
                    &format!("scalingPolicy:{logical}:policyName/{name}"),
                );
                (a.clone(), a)
            }
            "AWS::CloudWatch::Alarm" => (
                name.to_string(),
                arn("cloudwatch", &format!("alarm:{name}")),
            ),
            "AWS::Lambda::Function" => {
                (name.to_string(), arn("lambda", &format!("function:{name}")))
            }
            _ => (logical.to_string(), arn("cloudformation", logical)),
        };
        attributes.insert("arn", text(arn_value));
        text(reference)
    };
    for attribute in ["Name", "ServiceName", "ClusterName", "Family"] {
        attributes
            .entry(attribute)
            .or_insert_with(|| text(name.into()));
    }
    for (attribute, source) in [
        ("ServiceArn", "arn"),
        ("TaskDefinitionArn", "arn"),
        ("LoadBalancerArn", "arn"),
        ("TargetGroupArn", "arn"),
        ("ListenerArn", "arn"),
        ("DBClusterArn", "arn"),
        ("DBInstanceArn", "arn"),
        ("TopicArn", "arn"),
        ("KeyArn", "arn"),
        ("Id", "arn"),
        ("Arn", "arn"),
    ] {
        if let Some(value) = attributes.get(source).cloned() {
            attributes.entry(attribute).or_insert(value);
        }
    }
    Handle {
        reference,
        attributes,
        custom,
    }
}

/// An EC2 id for a template resource: AWS's prefix and the logical id (`vpc-Network`).
pub fn physical_id(prefix: &str, logical: &str) -> String {
    format!("{prefix}-{logical}")
}
