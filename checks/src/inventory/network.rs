//! VPC, subnets, routing, gateways, endpoints, security groups, flow logs (EC2 API).

use serde::{Deserialize, Serialize};

use super::{FetchErrors, Tags, resource};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vpc {
    pub id: String,
    pub cidr_block: String,
    pub is_default: bool,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(Vpc, "vpc", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub cidr_block: String,
    pub availability_zone: String,
    pub map_public_ip_on_launch: bool,
    /// `public`, `private` or `isolated` as the stack declares it (output key or tag); derived
    /// from routes when unset.
    pub declared_tier: Option<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(Subnet, "subnet", id);

impl Subnet {
    fn declared(&self, tiers: &[&str]) -> bool {
        (self.declared_tier.as_deref())
            .is_some_and(|t| tiers.iter().any(|x| t.eq_ignore_ascii_case(x)))
    }

    /// Declared private or isolated: nothing routes in from the internet.
    pub fn declared_private(&self) -> bool {
        self.declared(&["private", "isolated"])
    }

    /// Declared isolated: no route out either, by design (CDK's `PRIVATE_ISOLATED`, the
    /// Terraform VPC module's intra subnets).
    pub fn declared_isolated(&self) -> bool {
        self.declared(&["isolated"])
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RouteTable {
    pub id: String,
    pub vpc_id: String,
    /// The VPC's main route table applies to every subnet without an explicit association.
    pub main: bool,
    pub subnet_ids: Vec<String>,
    pub routes: Vec<Route>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(RouteTable, "route-table", id);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Route {
    pub destination_cidr: Option<String>,
    pub destination_ipv6_cidr: Option<String>,
    pub destination_prefix_list_id: Option<String>,
    /// `igw-…`, `local`, or a gateway endpoint `vpce-…`.
    pub gateway_id: Option<String>,
    pub nat_gateway_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
}

impl Route {
    /// A default route (IPv4 or IPv6).
    pub fn is_default(&self) -> bool {
        self.destination_cidr.as_deref() == Some("0.0.0.0/0")
            || self.destination_ipv6_cidr.as_deref() == Some("::/0")
    }

    pub fn targets_internet_gateway(&self) -> bool {
        self.gateway_id
            .as_deref()
            .is_some_and(|id| id.starts_with("igw-"))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InternetGateway {
    pub id: String,
    pub vpc_ids: Vec<String>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(InternetGateway, "internet-gateway", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NatGateway {
    pub id: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub state: String,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(NatGateway, "nat-gateway", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc_id: String,
    /// e.g. `com.amazonaws.us-east-1.s3`
    pub service_name: String,
    /// `Gateway` or `Interface`
    pub endpoint_type: String,
    pub state: String,
    pub route_table_ids: Vec<String>,
    pub subnet_ids: Vec<String>,
    pub private_dns_enabled: bool,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(VpcEndpoint, "vpc-endpoint", id);

impl VpcEndpoint {
    /// The service's short name: `com.amazonaws.us-east-1.ecr.api` → `ecr.api`.
    pub fn short_service(&self) -> &str {
        let mut parts = self.service_name.splitn(4, '.');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(_), Some(_), Some(_), Some(rest)) => rest,
            _ => &self.service_name,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vpc_id: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(SecurityGroup, "security-group", id);

/// One rule with one source or destination (the EC2 API's permissions flattened per peer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SgRule {
    /// `tcp`, `udp`, `icmp`, … or `-1` for all protocols.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub cidr_ipv4: Option<String>,
    pub cidr_ipv6: Option<String>,
    pub group_id: Option<String>,
    pub prefix_list_id: Option<String>,
    pub description: Option<String>,
}

impl SgRule {
    pub fn is_all_protocols(&self) -> bool {
        self.protocol == "-1" || self.protocol.eq_ignore_ascii_case("all")
    }

    /// The rule that matches no traffic (ICMP type 252 code 86 to 255.255.255.255/32): how
    /// CloudFormation templates (the CDK's `allowAllOutbound: false`) say "no egress", since an
    /// empty SecurityGroupEgress keeps AWS's allow-all rule.
    pub fn permits_nothing(&self) -> bool {
        matches!(self.protocol.as_str(), "icmp" | "1")
            && self.from_port == Some(252)
            && self.to_port == Some(86)
            && self.cidr_ipv4.as_deref() == Some("255.255.255.255/32")
            && self.cidr_ipv6.is_none()
            && self.group_id.is_none()
            && self.prefix_list_id.is_none()
    }

    /// From anywhere on the internet (IPv4 or IPv6).
    pub fn is_open_to_world(&self) -> bool {
        self.cidr_ipv4.as_deref() == Some("0.0.0.0/0") || self.cidr_ipv6.as_deref() == Some("::/0")
    }

    /// The inclusive port range, `None` for all ports (all protocols or unset).
    pub fn port_range(&self) -> Option<(i32, i32)> {
        if self.is_all_protocols() {
            return None;
        }
        match (self.from_port, self.to_port) {
            (Some(from), Some(to)) if from >= 0 && to >= 0 => Some((from, to)),
            _ => None,
        }
    }

    pub fn covers_port(&self, port: i32) -> bool {
        self.port_range()
            .is_none_or(|(from, to)| from <= port && port <= to)
    }

    /// Who the rule admits, for evidence: a CIDR, a group id or a prefix list.
    pub fn peer(&self) -> String {
        [
            &self.cidr_ipv4,
            &self.cidr_ipv6,
            &self.group_id,
            &self.prefix_list_id,
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_else(|| "(none)".to_string())
    }

    /// `tcp/5432 from sg-123`, for evidence.
    pub fn describe(&self) -> String {
        let ports = match self.port_range() {
            None => "all ports".to_string(),
            Some((from, to)) if from == to => from.to_string(),
            Some((from, to)) => format!("{from}-{to}"),
        };
        let protocol = if self.is_all_protocols() {
            "all"
        } else {
            &self.protocol
        };
        format!("{protocol}/{ports} {}", self.peer())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FlowLog {
    pub id: String,
    /// The VPC, subnet or interface the flow log watches.
    pub resource_id: String,
    /// `ALL`, `ACCEPT` or `REJECT`
    pub traffic_type: String,
    pub log_destination_type: String,
    pub log_destination: Option<String>,
    /// The role that delivers to CloudWatch Logs (`DeliverLogsPermissionArn`).
    pub deliver_logs_role: Option<String>,
    pub status: String,
    pub errors: FetchErrors,
}
resource!(FlowLog, "flow-log", id);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VpcPeering {
    pub id: String,
    pub requester_vpc_id: String,
    pub accepter_vpc_id: String,
    pub status: String,
    pub tags: Tags,
    pub errors: FetchErrors,
}
resource!(VpcPeering, "vpc-peering", id);

/// `public`/`private`/`isolated` from the tags tools put on subnets (CDK's `aws-cdk:subnet-type`, a `Tier`
/// tag, or the Name).
pub fn tier_from_tags(tags: &Tags) -> Option<String> {
    let explicit = ["aws-cdk:subnet-type", "Tier", "tier", "Type", "type"]
        .iter()
        .find_map(|key| tags.get(*key));
    let mut candidates = explicit.into_iter().chain(tags.get("Name"));
    candidates
        .find_map(|v| tier_in_words(&v.to_ascii_lowercase()))
        .map(str::to_string)
}

/// The tier a lower-case output key, tag value or name declares: `isolated` (CDK's
/// `Isolated` type, Terraform's `intra` subnets), `public` or `private`.
pub fn tier_in_words(text: &str) -> Option<&'static str> {
    let intra = (text.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|word| word == "intra" || word.starts_with("intrasubnet"));
    if text.contains("isolated") || intra {
        Some("isolated")
    } else if text.contains("public") {
        Some("public")
    } else if text.contains("private") {
        Some("private")
    } else {
        None
    }
}

#[cfg(test)]
mod tier_tests {
    use super::tier_in_words;

    #[test]
    fn tiers_are_read_from_the_words_tools_use() {
        for (text, tier) in [
            ("isolatedsubnetids", Some("isolated")),
            ("private-isolated", Some("isolated")),
            ("shop-intra-us-east-1a", Some("isolated")),
            ("intrasubnetids", Some("isolated")),
            ("publicsubnetids", Some("public")),
            ("app-private-1a", Some("private")),
            ("intranet-proxy", None),
            ("shop-db-1", None),
        ] {
            assert_eq!(tier_in_words(text), tier, "{text}");
        }
    }
}
