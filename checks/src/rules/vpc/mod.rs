//! VPC, subnets, routing, NAT, endpoints, flow logs.

pub mod vpc_001_cidr_as_profiled;
pub mod vpc_002_az_count;
pub mod vpc_003_public_subnet_count;
pub mod vpc_004_private_subnet_count;
pub mod vpc_005_tiers_spread_over_azs;
pub mod vpc_006_private_no_igw_route;
pub mod vpc_007_public_routes_to_igw;
pub mod vpc_008_nat_gateway_count;
pub mod vpc_009_gateway_endpoints_present;
pub mod vpc_010_gateway_endpoints_on_private_routes;
pub mod vpc_011_interface_endpoints_present;
pub mod vpc_012_interface_endpoints_in_private_subnets;
pub mod vpc_013_flow_logs_enabled;
pub mod vpc_014_default_sg_no_rules;
pub mod vpc_015_private_no_public_ip;
pub mod vpc_016_nat_in_public_subnet;
pub mod vpc_017_private_egress_path;
pub mod vpc_018_internet_gateway_as_profiled;
pub mod vpc_019_subnets_within_vpc_cidr;
pub mod vpc_020_not_default_vpc;
pub mod vpc_021_peering_as_profiled;
pub mod vpc_022_peering_routed;
pub mod vpc_023_interface_endpoints_private_dns;
pub mod vpc_024_flow_logs_capture_all;
pub mod vpc_025_internet_gateway_attached;
pub mod vpc_026_route_table_in_use;

use crate::context::{Context, SubnetTier};
use crate::inventory::Resource;
use crate::result::{Evidence, Finding};
use crate::words::W;

/// One finding per VPC: does it hold exactly `expected` subnets of `tier`?
fn count_tier(ctx: &Context, tier: SubnetTier, expected: usize) -> Vec<Finding> {
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let ids: Vec<&str> = ctx
            .subnets_in(tier)
            .filter(|s| s.vpc_id == vpc.id)
            .map(|s| s.id.as_str())
            .collect();
        let name = tier.as_str();
        Finding::verdict(
            vpc.reference(),
            ids.len() == expected,
            format!("{expected} {name} subnets"),
            format!("{} {name} subnets, expected {expected}", ids.len()),
        )
        .with(Evidence::new(
            format!("subnets[tier={name}]"),
            &ids,
            format!("{expected} subnets"),
            super::op::EC2_ROUTE_TABLES,
        ))
    })
}

/// One finding per VPC: does it have an available endpoint of `kind` for every required service?
fn endpoints_present(ctx: &Context, kind: &str, required: &[String]) -> Vec<Finding> {
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let present: Vec<&str> = ctx
            .inventory
            .vpc_endpoints()
            .iter()
            .filter(|e| {
                e.vpc_id == vpc.id
                    && e.endpoint_type.eq_ignore_ascii_case(kind)
                    && !is_gone(&e.state)
            })
            .map(|e| e.short_service())
            .collect();
        let missing: Vec<&String> = required
            .iter()
            .filter(|service| !present.contains(&service.as_str()))
            .collect();
        Finding::verdict(
            vpc.reference(),
            missing.is_empty(),
            format!("{kind} endpoints for {required}", required = W(&required)),
            format!("missing {kind} endpoints: {missing}", missing = W(&missing)),
        )
        .with(Evidence::new(
            format!("vpc_endpoints[type={kind}].service"),
            &present,
            format!("{required}", required = W(&required)),
            super::op::EC2_VPC_ENDPOINTS,
        ))
    })
}

fn is_gone(state: &str) -> bool {
    matches!(
        state.to_ascii_lowercase().as_str(),
        "deleted" | "deleting" | "failed" | "rejected"
    )
}
