//! Resource types → inventory resources, one module per area like the inventory's. Each
//! property's AWS default (when the template leaves it out) is the documented one, so a template
//! reads as the deployed stack would be described.

mod compute;
mod data;
mod edge;
mod identity;
mod network;
mod platform;

use crate::build::{Builder, Res};

/// The resource types template mode reads; any other is listed as not covered.
pub const COVERED: &[&str] = &[
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::NatGateway",
    "AWS::EC2::VPCEndpoint",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::FlowLog",
    "AWS::EC2::VPCPeeringConnection",
    "AWS::ECS::Cluster",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ECS::Service",
    "AWS::ECS::TaskDefinition",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBSubnetGroup",
    "AWS::S3::Bucket",
    "AWS::S3::BucketPolicy",
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::KMS::Key",
    "AWS::KMS::Alias",
    "AWS::SecretsManager::Secret",
    "AWS::SecretsManager::RotationSchedule",
    "AWS::Logs::LogGroup",
    "AWS::SNS::Topic",
    "AWS::CloudWatch::Alarm",
    "AWS::CloudWatch::Dashboard",
    "AWS::ECR::Repository",
    "AWS::ServiceDiscovery::PrivateDnsNamespace",
    "AWS::ServiceDiscovery::PublicDnsNamespace",
    "AWS::ServiceDiscovery::HttpNamespace",
    "AWS::ServiceDiscovery::Service",
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::SSM::Parameter",
    "Custom::VpcRestrictDefaultSG",
];

pub fn covers(kind: &str) -> bool {
    COVERED.contains(&kind)
}

/// Types that change a resource declared elsewhere; read after every resource exists.
pub fn attaches(kind: &str) -> bool {
    matches!(
        kind,
        "AWS::EC2::Route"
            | "AWS::EC2::SubnetRouteTableAssociation"
            | "AWS::EC2::VPCGatewayAttachment"
            | "AWS::EC2::SecurityGroupIngress"
            | "AWS::EC2::SecurityGroupEgress"
            | "AWS::ECS::ClusterCapacityProviderAssociations"
            | "AWS::ElasticLoadBalancingV2::ListenerRule"
            | "AWS::S3::BucketPolicy"
            | "AWS::IAM::Policy"
            | "AWS::IAM::ManagedPolicy"
            | "AWS::KMS::Alias"
            | "AWS::SecretsManager::RotationSchedule"
            | "AWS::ApplicationAutoScaling::ScalingPolicy"
            | "Custom::VpcRestrictDefaultSG"
    )
}

/// The module that reads a type.
#[derive(Clone, Copy)]
enum Area {
    Network,
    Compute,
    Edge,
    Data,
    Identity,
    Platform,
}

fn area(kind: &str) -> Area {
    let service = kind.split("::").nth(1).unwrap_or_default();
    match service {
        "EC2" | "VpcRestrictDefaultSG" => Area::Network,
        "ECS" | "ApplicationAutoScaling" => Area::Compute,
        "ElasticLoadBalancingV2" => Area::Edge,
        "RDS" | "S3" => Area::Data,
        "IAM" | "KMS" | "SecretsManager" => Area::Identity,
        _ => Area::Platform,
    }
}

pub fn primary(b: &mut Builder, r: &Res) {
    match area(r.kind) {
        Area::Network => network::primary(b, r),
        Area::Compute => compute::primary(b, r),
        Area::Edge => edge::primary(b, r),
        Area::Data => data::primary(b, r),
        Area::Identity => identity::primary(b, r),
        Area::Platform => platform::primary(b, r),
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    match area(r.kind) {
        Area::Network => network::attach(b, r),
        Area::Compute => compute::attach(b, r),
        Area::Edge => edge::attach(b, r),
        Area::Data => data::attach(b, r),
        Area::Identity => identity::attach(b, r),
        Area::Platform => {}
    }
}

/// What AWS derives from the declared resources.
pub fn link(b: &mut Builder) {
    network::link(b);
    compute::link(b);
    edge::link(b);
    data::link(b);
}

/// What AWS creates unasked.
pub fn implicit(b: &mut Builder) {
    network::implicit(b);
}
