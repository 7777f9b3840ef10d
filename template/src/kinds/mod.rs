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
use crate::source::Template;

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
    )
}

pub fn primary(b: &mut Builder, r: &Res) {
    match r.kind {
        k if k.starts_with("AWS::EC2::") => network::primary(b, r),
        k if k.starts_with("AWS::ECS::") || k.starts_with("AWS::ApplicationAutoScaling::") => {
            compute::primary(b, r)
        }
        k if k.starts_with("AWS::ElasticLoadBalancingV2::") => edge::primary(b, r),
        k if k.starts_with("AWS::RDS::") || k.starts_with("AWS::S3::") => data::primary(b, r),
        k if k.starts_with("AWS::IAM::")
            || k.starts_with("AWS::KMS::")
            || k.starts_with("AWS::SecretsManager::") =>
        {
            identity::primary(b, r)
        }
        _ => platform::primary(b, r),
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    match r.kind {
        k if k.starts_with("AWS::EC2::") => network::attach(b, r),
        k if k.starts_with("AWS::ECS::") || k.starts_with("AWS::ApplicationAutoScaling::") => {
            compute::attach(b, r)
        }
        k if k.starts_with("AWS::ElasticLoadBalancingV2::") => edge::attach(b, r),
        k if k.starts_with("AWS::S3::") => data::attach(b, r),
        _ => identity::attach(b, r),
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
pub fn implicit(b: &mut Builder, _template: &Template) {
    network::implicit(b);
}
