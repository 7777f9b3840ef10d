//! EC2/VPC: the VPCs named by the outputs (or owning what they name), and everything in them.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ec2::types::{Filter, IpPermission};
use stackproof_checks::inventory::{
    FetchError, FlowLog, InternetGateway, NatGateway, Route, RouteTable, SecurityGroup, SgRule,
    Subnet, Vpc, VpcEndpoint, VpcPeering,
};

use super::{tags, text};
use crate::clients::Clients;
use crate::failure::fetch_error;

/// Everything collected for a set of VPCs.
#[derive(Debug, Default)]
pub struct Network {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub security_groups: Vec<SecurityGroup>,
    pub flow_logs: Vec<FlowLog>,
    pub peerings: Vec<VpcPeering>,
    /// Listing calls that failed, with the kind each would have listed.
    pub failures: Vec<(&'static str, FetchError)>,
}

impl Network {
    /// Adds what another set of VPCs holds; a peering between the two sets is listed by both and
    /// kept once.
    pub fn absorb(&mut self, other: Network) {
        self.vpcs.extend(other.vpcs);
        self.subnets.extend(other.subnets);
        self.route_tables.extend(other.route_tables);
        self.internet_gateways.extend(other.internet_gateways);
        self.nat_gateways.extend(other.nat_gateways);
        self.vpc_endpoints.extend(other.vpc_endpoints);
        self.security_groups.extend(other.security_groups);
        self.flow_logs.extend(other.flow_logs);
        for peering in other.peerings {
            if !self.peerings.iter().any(|p| p.id == peering.id) {
                self.peerings.push(peering);
            }
        }
        self.failures.extend(other.failures);
    }
}

/// The kind of resource an EC2 listing returns.
fn listed_kind(operation: &str) -> &'static str {
    match operation {
        "ec2:DescribeVpcs" => "vpc",
        "ec2:DescribeSubnets" => "subnet",
        "ec2:DescribeRouteTables" => "route-table",
        "ec2:DescribeInternetGateways" => "internet-gateway",
        "ec2:DescribeNatGateways" => "nat-gateway",
        "ec2:DescribeVpcEndpoints" => "vpc-endpoint",
        "ec2:DescribeSecurityGroups" => "security-group",
        "ec2:DescribeFlowLogs" => "flow-log",
        _ => "vpc-peering",
    }
}

fn vpc_filter(vpc_ids: &BTreeSet<String>) -> Filter {
    Filter::builder()
        .name("vpc-id")
        .set_values(Some(vpc_ids.iter().cloned().collect()))
        .build()
}

/// The VPCs that own the given subnets and security groups (for outputs that name only those),
/// and the lookups that failed (the VPCs they would have named are unknown).
pub async fn owning_vpcs(
    clients: &Clients,
    subnet_ids: &BTreeSet<String>,
    group_ids: &BTreeSet<String>,
) -> (BTreeSet<String>, Vec<FetchError>) {
    let mut vpcs = BTreeSet::new();
    let mut failures = Vec::new();
    if !subnet_ids.is_empty() {
        let filter = Filter::builder()
            .name("subnet-id")
            .set_values(Some(subnet_ids.iter().cloned().collect()))
            .build();
        match clients.ec2.describe_subnets().filters(filter).send().await {
            Ok(output) => vpcs.extend(
                output
                    .subnets()
                    .iter()
                    .filter_map(|s| s.vpc_id().map(str::to_string)),
            ),
            Err(error) => failures.push(fetch_error("ec2:DescribeSubnets", &error)),
        }
    }
    if !group_ids.is_empty() {
        let filter = Filter::builder()
            .name("group-id")
            .set_values(Some(group_ids.iter().cloned().collect()))
            .build();
        match clients
            .ec2
            .describe_security_groups()
            .filters(filter)
            .send()
            .await
        {
            Ok(output) => vpcs.extend(
                output
                    .security_groups()
                    .iter()
                    .filter_map(|g| g.vpc_id().map(str::to_string)),
            ),
            Err(error) => failures.push(fetch_error("ec2:DescribeSecurityGroups", &error)),
        }
    }
    (vpcs, failures)
}

/// Collects the VPCs and their contents, one filtered, paginated listing per resource type, all
/// at once. `tiers` maps subnet ids to the tier the outputs declare (`public`/`private`).
pub async fn collect(
    clients: &Clients,
    vpc_ids: &BTreeSet<String>,
    tiers: &BTreeMap<String, String>,
) -> Network {
    let mut network = Network::default();
    if vpc_ids.is_empty() {
        return network;
    }
    let ec2 = &clients.ec2;
    let filter = || vpc_filter(vpc_ids);
    let side = |name: &str| {
        Filter::builder()
            .name(name)
            .set_values(Some(vpc_ids.iter().cloned().collect()))
            .build()
    };
    let (vpcs, subnets, tables, igws, nats, endpoints, groups, flow_logs, requested, accepted) = tokio::join!(
        ec2.describe_vpcs()
            .filters(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_subnets()
            .filters(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_route_tables()
            .filters(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_internet_gateways()
            .filters(
                Filter::builder()
                    .name("attachment.vpc-id")
                    .set_values(Some(vpc_ids.iter().cloned().collect()))
                    .build()
            )
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_nat_gateways()
            .filter(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_vpc_endpoints()
            .filters(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_security_groups()
            .filters(filter())
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_flow_logs()
            .filter(
                Filter::builder()
                    .name("resource-id")
                    .set_values(Some(vpc_ids.iter().cloned().collect()))
                    .build()
            )
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_vpc_peering_connections()
            .filters(side("requester-vpc-info.vpc-id"))
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        ec2.describe_vpc_peering_connections()
            .filters(side("accepter-vpc-info.vpc-id"))
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
    );
    macro_rules! each {
        ($items:expr, $operation:literal, |$item:ident| $map:expr, $into:expr) => {
            for result in $items {
                match result {
                    Ok($item) => $into.push($map),
                    Err(error) => network
                        .failures
                        .push((listed_kind($operation), fetch_error($operation, &error))),
                }
            }
        };
    }
    each!(
        vpcs,
        "ec2:DescribeVpcs",
        |v| Vpc {
            id: text(v.vpc_id()),
            cidr_block: text(v.cidr_block()),
            is_default: v.is_default().unwrap_or(false),
            tags: tags(v.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.vpcs
    );
    each!(
        subnets,
        "ec2:DescribeSubnets",
        |s| {
            let tags = tags(s.tags().iter().map(|t| (t.key(), t.value())));
            let id = text(s.subnet_id());
            Subnet {
                declared_tier: tiers
                    .get(&id)
                    .cloned()
                    .or_else(|| stackproof_checks::inventory::tier_from_tags(&tags)),
                id,
                vpc_id: text(s.vpc_id()),
                cidr_block: text(s.cidr_block()),
                availability_zone: text(s.availability_zone()),
                map_public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
                tags,
                errors: Default::default(),
            }
        },
        network.subnets
    );
    each!(
        tables,
        "ec2:DescribeRouteTables",
        |t| RouteTable {
            id: text(t.route_table_id()),
            vpc_id: text(t.vpc_id()),
            main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
            subnet_ids: t
                .associations()
                .iter()
                .filter_map(|a| a.subnet_id().map(str::to_string))
                .collect(),
            routes: t
                .routes()
                .iter()
                .map(|r| Route {
                    destination_cidr: r.destination_cidr_block().map(str::to_string),
                    destination_ipv6_cidr: r.destination_ipv6_cidr_block().map(str::to_string),
                    destination_prefix_list_id: r.destination_prefix_list_id().map(str::to_string),
                    gateway_id: r.gateway_id().map(str::to_string),
                    nat_gateway_id: r.nat_gateway_id().map(str::to_string),
                    vpc_peering_connection_id: r.vpc_peering_connection_id().map(str::to_string),
                })
                .collect(),
            tags: tags(t.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.route_tables
    );
    each!(
        igws,
        "ec2:DescribeInternetGateways",
        |g| InternetGateway {
            id: text(g.internet_gateway_id()),
            vpc_ids: g
                .attachments()
                .iter()
                .filter_map(|a| a.vpc_id().map(str::to_string))
                .collect(),
            tags: tags(g.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.internet_gateways
    );
    each!(
        nats,
        "ec2:DescribeNatGateways",
        |n| NatGateway {
            id: text(n.nat_gateway_id()),
            vpc_id: text(n.vpc_id()),
            subnet_id: text(n.subnet_id()),
            state: n
                .state()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            tags: tags(n.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.nat_gateways
    );
    each!(
        endpoints,
        "ec2:DescribeVpcEndpoints",
        |e| VpcEndpoint {
            id: text(e.vpc_endpoint_id()),
            vpc_id: text(e.vpc_id()),
            service_name: text(e.service_name()),
            endpoint_type: e
                .vpc_endpoint_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            state: e
                .state()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            route_table_ids: e.route_table_ids().to_vec(),
            subnet_ids: e.subnet_ids().to_vec(),
            private_dns_enabled: e.private_dns_enabled().unwrap_or(false),
            tags: tags(e.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.vpc_endpoints
    );
    each!(
        groups,
        "ec2:DescribeSecurityGroups",
        |g| SecurityGroup {
            id: text(g.group_id()),
            name: text(g.group_name()),
            description: text(g.description()),
            vpc_id: text(g.vpc_id()),
            ingress: g.ip_permissions().iter().flat_map(rules).collect(),
            egress: g.ip_permissions_egress().iter().flat_map(rules).collect(),
            tags: tags(g.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.security_groups
    );
    each!(
        flow_logs,
        "ec2:DescribeFlowLogs",
        |f| FlowLog {
            id: text(f.flow_log_id()),
            resource_id: text(f.resource_id()),
            traffic_type: f
                .traffic_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            log_destination_type: f
                .log_destination_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            log_destination: f
                .log_destination()
                .or(f.log_group_name())
                .map(str::to_string),
            deliver_logs_role: f.deliver_logs_permission_arn().map(str::to_string),
            status: text(f.flow_log_status()),
            errors: Default::default(),
        },
        network.flow_logs
    );
    each!(
        requested.into_iter().chain(accepted),
        "ec2:DescribeVpcPeeringConnections",
        |p| VpcPeering {
            id: text(p.vpc_peering_connection_id()),
            requester_vpc_id: text(p.requester_vpc_info().and_then(|v| v.vpc_id())),
            accepter_vpc_id: text(p.accepter_vpc_info().and_then(|v| v.vpc_id())),
            status: p
                .status()
                .and_then(|s| s.code())
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            tags: tags(p.tags().iter().map(|t| (t.key(), t.value()))),
            errors: Default::default(),
        },
        network.peerings
    );
    // Emulators may ignore the side filters: keep only connections that touch our VPCs.
    network
        .peerings
        .retain(|p| vpc_ids.contains(&p.requester_vpc_id) || vpc_ids.contains(&p.accepter_vpc_id));
    network.peerings.sort_by(|a, b| a.id.cmp(&b.id));
    network.peerings.dedup_by(|a, b| a.id == b.id);
    network
}

/// One rule per peer: the API groups several CIDRs and groups under one permission.
fn rules(permission: &IpPermission) -> Vec<SgRule> {
    let base = SgRule {
        protocol: text(permission.ip_protocol()),
        from_port: permission.from_port(),
        to_port: permission.to_port(),
        ..SgRule::default()
    };
    let mut rules = Vec::new();
    for range in permission.ip_ranges() {
        rules.push(SgRule {
            cidr_ipv4: range.cidr_ip().map(str::to_string),
            description: range.description().map(str::to_string),
            ..base.clone()
        });
    }
    for range in permission.ipv6_ranges() {
        rules.push(SgRule {
            cidr_ipv6: range.cidr_ipv6().map(str::to_string),
            description: range.description().map(str::to_string),
            ..base.clone()
        });
    }
    for pair in permission.user_id_group_pairs() {
        rules.push(SgRule {
            group_id: pair.group_id().map(str::to_string),
            description: pair.description().map(str::to_string),
            ..base.clone()
        });
    }
    for list in permission.prefix_list_ids() {
        rules.push(SgRule {
            prefix_list_id: list.prefix_list_id().map(str::to_string),
            description: list.description().map(str::to_string),
            ..base.clone()
        });
    }
    rules
}
