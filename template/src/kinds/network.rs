//! VPC, subnets, routing, gateways, endpoints, security groups, flow logs, peering.

use stackproof_checks::inventory::{
    FlowLog, InternetGateway, NatGateway, Resource, Route, RouteTable, SecurityGroup, SgRule,
    Subnet, Vpc, VpcEndpoint, VpcPeering, tier_from_tags,
};

use crate::build::{Builder, Res};
use crate::props::Props;

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    let id = r.id.clone();
    match r.kind {
        "AWS::EC2::VPC" => b.push(
            r,
            |i| &mut i.vpcs,
            Vpc {
                id,
                cidr_block: p.cidr("CidrBlock").unwrap_or_default(),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::EC2::Subnet" => {
            let tags = p.tags();
            b.push(
                r,
                |i| &mut i.subnets,
                Subnet {
                    id,
                    vpc_id: p.text("VpcId").unwrap_or_default(),
                    cidr_block: p.cidr("CidrBlock").unwrap_or_default(),
                    availability_zone: p.text("AvailabilityZone").unwrap_or_default(),
                    map_public_ip_on_launch: p.flag("MapPublicIpOnLaunch").unwrap_or(false),
                    declared_tier: tier_from_tags(&tags).or_else(|| {
                        stackproof_checks::inventory::tier_in_words(&r.logical.to_ascii_lowercase())
                            .map(str::to_string)
                    }),
                    tags,
                    ..Default::default()
                },
            )
        }
        "AWS::EC2::RouteTable" => b.push(
            r,
            |i| &mut i.route_tables,
            RouteTable {
                id,
                vpc_id: p.text("VpcId").unwrap_or_default(),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::EC2::InternetGateway" => b.push(
            r,
            |i| &mut i.internet_gateways,
            InternetGateway {
                id,
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::EC2::NatGateway" => b.push(
            r,
            |i| &mut i.nat_gateways,
            NatGateway {
                id,
                subnet_id: p.text("SubnetId").unwrap_or_default(),
                state: "available".into(),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::EC2::VPCEndpoint" => b.push(
            r,
            |i| &mut i.vpc_endpoints,
            VpcEndpoint {
                id,
                vpc_id: p.text("VpcId").unwrap_or_default(),
                service_name: p.text("ServiceName").unwrap_or_default(),
                endpoint_type: p
                    .text("VpcEndpointType")
                    .unwrap_or_else(|| "Gateway".into()),
                state: "available".into(),
                route_table_ids: p.texts("RouteTableIds"),
                subnet_ids: p.texts("SubnetIds"),
                private_dns_enabled: p.flag("PrivateDnsEnabled").unwrap_or(false),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        "AWS::EC2::SecurityGroup" => {
            let ingress = p
                .children("SecurityGroupIngress")
                .iter()
                .map(|rule| sg_rule(rule, "Source"))
                .collect();
            // AWS removes its default rule (all traffic out) only when SecurityGroupEgress names
            // one or more rules; absent or empty, the group keeps it.
            let mut egress: Vec<_> = (p.children("SecurityGroupEgress").iter())
                .map(|rule| sg_rule(rule, "Destination"))
                .collect();
            if egress.is_empty() {
                egress.push(allow_all_out());
            }
            b.push(
                r,
                |i| &mut i.security_groups,
                SecurityGroup {
                    id,
                    name: p.text("GroupName").unwrap_or_else(|| r.name.clone()),
                    description: p.text("GroupDescription").unwrap_or_default(),
                    vpc_id: p.text("VpcId").unwrap_or_default(),
                    ingress,
                    egress,
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::EC2::FlowLog" => b.push(
            r,
            |i| &mut i.flow_logs,
            FlowLog {
                id,
                resource_id: p.text("ResourceId").unwrap_or_default(),
                traffic_type: p.text("TrafficType").unwrap_or_else(|| "ALL".into()),
                log_destination_type: p
                    .text("LogDestinationType")
                    .unwrap_or_else(|| "cloud-watch-logs".into()),
                log_destination: p.text("LogDestination").or_else(|| p.text("LogGroupName")),
                deliver_logs_role: p.text("DeliverLogsPermissionArn"),
                status: "ACTIVE".into(),
                ..Default::default()
            },
        ),
        "AWS::EC2::VPCPeeringConnection" => b.push(
            r,
            |i| &mut i.vpc_peerings,
            VpcPeering {
                id,
                requester_vpc_id: p.text("VpcId").unwrap_or_default(),
                accepter_vpc_id: p.text("PeerVpcId").unwrap_or_default(),
                status: "active".into(),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        _ => {}
    }
}

/// A route over a peering connection the template does not declare (another stack's, passed as
/// a parameter or imported): the connection is judged on a stand-in whose state is known only
/// after deploy (active in the open reading, still awaiting acceptance in the closed one).
fn peering_declared_elsewhere(b: &mut Builder, r: &Res, peering: &str, table: &str) {
    if b.inventory.vpc_peerings.iter().any(|p| p.id == peering) {
        return;
    }
    let vpc = (b.inventory.route_tables.iter())
        .find(|t| t.id == table)
        .map(|t| t.vpc_id.clone())
        .unwrap_or_default();
    let reason = format!("the state of {peering}, which another stack declares");
    r.props.note("VpcPeeringConnectionId", &reason);
    let status = match r.props.variant() {
        crate::variant::Variant::Open => "active",
        crate::variant::Variant::Closed => "pending-acceptance",
    };
    b.inventory.vpc_peerings.push(VpcPeering {
        id: peering.to_string(),
        accepter_vpc_id: vpc,
        status: status.into(),
        ..Default::default()
    });
    b.part(VpcPeering::KIND, peering, r.logical);
}

pub fn attach(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::EC2::Route" => {
            let table = p.text("RouteTableId").unwrap_or_default();
            let route = Route {
                destination_cidr: p.cidr("DestinationCidrBlock"),
                destination_ipv6_cidr: p.text("DestinationIpv6CidrBlock"),
                destination_prefix_list_id: p.text("DestinationPrefixListId"),
                gateway_id: p
                    .text("GatewayId")
                    .or_else(|| p.text("EgressOnlyInternetGatewayId"))
                    .or_else(|| p.text("VpcEndpointId"))
                    .or_else(|| p.text("TransitGatewayId")),
                nat_gateway_id: p.text("NatGatewayId"),
                vpc_peering_connection_id: p.text("VpcPeeringConnectionId"),
            };
            if let Some(peering) = &route.vpc_peering_connection_id {
                peering_declared_elsewhere(b, r, peering, &table);
            }
            match b.inventory.route_tables.iter_mut().find(|t| t.id == table) {
                Some(t) => t.routes.push(route),
                // A table the template does not declare: its route is judged on a stand-in.
                None => b.push(
                    r,
                    |i| &mut i.route_tables,
                    RouteTable {
                        id: table.clone(),
                        routes: vec![route],
                        ..Default::default()
                    },
                ),
            }
            b.part(RouteTable::KIND, &table, r.logical);
        }
        "AWS::EC2::SubnetRouteTableAssociation" => {
            let table = p.text("RouteTableId").unwrap_or_default();
            if let (Some(t), Some(subnet)) = (
                b.inventory.route_tables.iter_mut().find(|t| t.id == table),
                p.text("SubnetId"),
            ) {
                t.subnet_ids.push(subnet);
                b.part(RouteTable::KIND, &table, r.logical);
            }
        }
        "AWS::EC2::VPCGatewayAttachment" => {
            let gateway = p.text("InternetGatewayId").unwrap_or_default();
            if let (Some(g), Some(vpc)) = (
                b.inventory
                    .internet_gateways
                    .iter_mut()
                    .find(|g| g.id == gateway),
                p.text("VpcId"),
            ) {
                g.vpc_ids.push(vpc);
                b.part(InternetGateway::KIND, &gateway, r.logical);
            }
        }
        // The CDK's custom resource for `restrictDefaultSecurityGroup` (on by default since
        // v2.78): its function revokes every rule of the VPC's default group.
        "Custom::VpcRestrictDefaultSG" => {
            let group = p.text("DefaultSecurityGroupId").unwrap_or_default();
            let found = (b.inventory.security_groups.iter_mut()).find(|g| g.id == group);
            if let Some(g) = found {
                g.ingress.clear();
                g.egress.clear();
                b.part(SecurityGroup::KIND, &group, r.logical);
            }
        }
        "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress" => {
            let ingress = r.kind.ends_with("Ingress");
            let group = p
                .text("GroupId")
                .or_else(|| p.text("GroupName"))
                .unwrap_or_default();
            let rule = sg_rule(p, if ingress { "Source" } else { "Destination" });
            let found =
                (b.inventory.security_groups.iter_mut()).find(|g| g.id == group || g.name == group);
            let id = match found {
                Some(g) => {
                    let rules = if ingress {
                        &mut g.ingress
                    } else {
                        &mut g.egress
                    };
                    rules.push(rule);
                    g.id.clone()
                }
                // A group the template does not declare (imported, a parameter): its rule is
                // judged on a stand-in that has only the template's rules.
                None => {
                    let (ingress, egress) = if ingress {
                        (vec![rule], vec![])
                    } else {
                        (vec![], vec![rule])
                    };
                    b.push(
                        r,
                        |i| &mut i.security_groups,
                        SecurityGroup {
                            id: group.clone(),
                            ingress,
                            egress,
                            ..Default::default()
                        },
                    );
                    group.clone()
                }
            };
            b.part(SecurityGroup::KIND, &id, r.logical);
        }
        _ => {}
    }
}

fn sg_rule(p: &Props, peer: &str) -> SgRule {
    let protocol = p.text("IpProtocol").unwrap_or_else(|| "-1".into());
    let protocol = match protocol.as_str() {
        "6" => "tcp".to_string(),
        "17" => "udp".to_string(),
        "1" => "icmp".to_string(),
        // `*` is an unknown protocol as the open reading has it: every protocol.
        "all" | "*" => "-1".to_string(),
        _ => protocol.to_ascii_lowercase(),
    };
    let all = protocol == "-1";
    SgRule {
        from_port: if all { None } else { p.i32("FromPort") },
        to_port: if all { None } else { p.i32("ToPort") },
        protocol,
        cidr_ipv4: p.cidr("CidrIp"),
        cidr_ipv6: p.text("CidrIpv6"),
        group_id: p
            .text(&format!("{peer}SecurityGroupId"))
            .or_else(|| p.text(&format!("{peer}SecurityGroupName"))),
        prefix_list_id: p
            .text(&format!("{peer}PrefixListId"))
            .or_else(|| p.text("DestinationPrefixListId")),
        description: p.text("Description"),
    }
}

fn allow_all_out() -> SgRule {
    SgRule {
        protocol: "-1".into(),
        cidr_ipv4: Some("0.0.0.0/0".into()),
        ..Default::default()
    }
}

/// A NAT gateway's VPC is its subnet's.
pub fn link(b: &mut Builder) {
    let inventory = &mut b.inventory;
    for nat in &mut inventory.nat_gateways {
        if let Some(subnet) = inventory.subnets.iter().find(|s| s.id == nat.subnet_id) {
            nat.vpc_id = subnet.vpc_id.clone();
        }
    }
}

/// Every VPC comes with a main route table (its local route only) and a default security
/// group (admitting itself, all traffic out), as AWS creates them.
pub fn implicit(b: &mut Builder) {
    let vpcs: Vec<(String, String)> = (b.inventory.vpcs.iter())
        .map(|v| (v.id.clone(), v.cidr_block.clone()))
        .collect();
    for (vpc, cidr) in vpcs {
        let logical = b
            .origins
            .get(&stackproof_checks::inventory::ResourceRef::new(
                Vpc::KIND,
                &vpc,
            ))
            .cloned()
            .unwrap_or_default();
        let local = Route {
            destination_cidr: Some(cidr),
            gateway_id: Some("local".into()),
            ..Default::default()
        };
        for table in b
            .inventory
            .route_tables
            .iter_mut()
            .filter(|t| t.vpc_id == vpc)
        {
            table.routes.insert(0, local.clone());
        }
        let main = RouteTable {
            id: format!("{vpc}-main"),
            vpc_id: vpc.clone(),
            main: true,
            routes: vec![local],
            ..Default::default()
        };
        b.origin(
            RouteTable::KIND,
            &main.id,
            &crate::physical::implicit_logical(&logical, "MainRouteTable"),
        );
        b.inventory.route_tables.push(main);
        let default_group = crate::physical::default_group_of(&vpc);
        let group = SecurityGroup {
            id: default_group.clone(),
            name: "default".into(),
            description: "default VPC security group".into(),
            vpc_id: vpc.clone(),
            ingress: vec![SgRule {
                protocol: "-1".into(),
                group_id: Some(default_group),
                ..Default::default()
            }],
            egress: vec![allow_all_out()],
            ..Default::default()
        };
        b.origin(
            SecurityGroup::KIND,
            &group.id,
            &crate::physical::implicit_logical(&logical, "DefaultSecurityGroup"),
        );
        b.inventory.security_groups.push(group);
    }
}
