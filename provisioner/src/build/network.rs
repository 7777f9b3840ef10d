//! VPC, subnets, gateways, route tables, endpoints, security groups, flow logs.

use aws_sdk_ec2::types::{
    AttributeBooleanValue, FlowLogsResourceType, IpPermission, IpRange, ResourceType, Tag,
    TagSpecification, TrafficType, UserIdGroupPair, VpcEndpointType,
};

use aws_sdk_ec2::operation::create_vpc_endpoint::builders::CreateVpcEndpointFluentBuilder;

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;
use crate::wait::Asynchronous;

/// Where a route table's default route goes.
#[derive(Debug, Clone)]
pub enum RouteTarget {
    InternetGateway(String),
    NatGateway(String),
    None,
}

/// One ingress rule: TCP `port` from a CIDR or a security group, with a description.
#[derive(Debug, Clone)]
pub struct Rule {
    pub port: i32,
    pub cidr: Option<String>,
    pub group: Option<String>,
    pub description: String,
}

impl Rule {
    pub fn from_cidr(port: i32, cidr: &str, description: &str) -> Self {
        Self {
            port,
            cidr: Some(cidr.into()),
            group: None,
            description: description.into(),
        }
    }

    pub fn from_group(port: i32, group: &str, description: &str) -> Self {
        Self {
            port,
            cidr: None,
            group: Some(group.into()),
            description: description.into(),
        }
    }

    fn permission(&self) -> IpPermission {
        let builder = IpPermission::builder()
            .ip_protocol("tcp")
            .from_port(self.port)
            .to_port(self.port);
        let builder = match &self.cidr {
            Some(cidr) => builder.ip_ranges(
                IpRange::builder()
                    .cidr_ip(cidr)
                    .description(&self.description)
                    .build(),
            ),
            None => builder,
        };
        match &self.group {
            Some(group) => builder.user_id_group_pairs(
                UserIdGroupPair::builder()
                    .group_id(group)
                    .description(&self.description)
                    .build(),
            ),
            None => builder,
        }
        .build()
    }
}

impl Builder {
    fn tag_spec(&self, resource: ResourceType, name: &str) -> TagSpecification {
        let tags = self
            .tags(name)
            .into_iter()
            .map(|(k, v)| Tag::builder().key(k).value(v).build());
        TagSpecification::builder()
            .resource_type(resource)
            .set_tags(Some(tags.collect()))
            .build()
    }

    pub async fn vpc(&mut self, base: &str, cidr: &str) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .ec2
            .create_vpc()
            .cidr_block(cidr)
            .tag_specifications(self.tag_spec(ResourceType::Vpc, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output.vpc().and_then(|v| v.vpc_id()).map(str::to_string),
            &name,
        )?;
        self.record(Kind::Vpc, &id, &[])?;
        self.tag_main_route_table(&id, &name).await?;
        Ok(id)
    }

    /// The VPC's main route table comes with the VPC; it gets the stack's tags too.
    async fn tag_main_route_table(&mut self, vpc: &str, name: &str) -> Result<(), ProvisionError> {
        let filters = [
            aws_sdk_ec2::types::Filter::builder()
                .name("vpc-id")
                .values(vpc)
                .build(),
            aws_sdk_ec2::types::Filter::builder()
                .name("association.main")
                .values("true")
                .build(),
        ];
        let tables = self
            .ec2
            .describe_route_tables()
            .set_filters(Some(filters.to_vec()))
            .send()
            .await
            .map_err(failed(name))?;
        let ids: Vec<String> = tables
            .route_tables()
            .iter()
            .filter_map(|t| t.route_table_id().map(str::to_string))
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let main_name = format!("{name}-main");
        let tags = self
            .tags(&main_name)
            .into_iter()
            .map(|(k, v)| Tag::builder().key(k).value(v).build());
        self.ec2
            .create_tags()
            .set_resources(Some(ids))
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(name))?;
        Ok(())
    }

    /// A subnet in `zone`; `tier` (`public`/`private`) goes into its Name and `Tier` tag.
    pub async fn subnet(
        &mut self,
        vpc: &str,
        cidr: &str,
        zone: &str,
        tier: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name(&format!("{tier}-{zone}"));
        let mut spec = self.tag_spec(ResourceType::Subnet, &name);
        spec.tags
            .get_or_insert_with(Vec::new)
            .push(Tag::builder().key("Tier").value(tier).build());
        let output = self
            .ec2
            .create_subnet()
            .vpc_id(vpc)
            .cidr_block(cidr)
            .availability_zone(zone)
            .tag_specifications(spec)
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .subnet()
                .and_then(|s| s.subnet_id())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::Subnet, &id, &[])?;
        self.ec2
            .modify_subnet_attribute()
            .subnet_id(&id)
            .map_public_ip_on_launch(AttributeBooleanValue::builder().value(false).build())
            .send()
            .await
            .map_err(failed(&name))?;
        Ok(id)
    }

    pub async fn internet_gateway(&mut self, vpc: &str) -> Result<String, ProvisionError> {
        let name = self.name("igw");
        let output = self
            .ec2
            .create_internet_gateway()
            .tag_specifications(self.tag_spec(ResourceType::InternetGateway, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .internet_gateway()
                .and_then(|g| g.internet_gateway_id())
                .map(str::to_string),
            &name,
        )?;
        self.ec2
            .attach_internet_gateway()
            .internet_gateway_id(&id)
            .vpc_id(vpc)
            .send()
            .await
            .map_err(failed(&name))?;
        self.record(Kind::InternetGateway, &id, &[("vpc", vpc)])?;
        Ok(id)
    }

    /// A NAT gateway (with its Elastic IP) in a public subnet.
    pub async fn nat_gateway(&mut self, subnet: &str) -> Result<String, ProvisionError> {
        let name = self.name("nat");
        let address = self
            .ec2
            .allocate_address()
            .tag_specifications(self.tag_spec(ResourceType::ElasticIp, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let allocation = required(address.allocation_id().map(str::to_string), &name)?;
        self.record(Kind::ElasticIp, &allocation, &[])?;
        let output = self
            .ec2
            .create_nat_gateway()
            .subnet_id(subnet)
            .allocation_id(&allocation)
            .tag_specifications(self.tag_spec(ResourceType::Natgateway, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .nat_gateway()
                .and_then(|n| n.nat_gateway_id())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::NatGateway, &id, &[])?;
        // Routes to it and what depends on them need it available (AWS: minutes pending).
        let nat = Asynchronous::NatGateway(id.clone());
        nat.until_ready(&self.lookers())
            .await
            .map_err(|state| ProvisionError::Create {
                what: name.clone(),
                message: state,
            })?;
        Ok(id)
    }

    /// A route table with `0.0.0.0/0 → target`, associated with `subnets`.
    pub async fn route_table(
        &mut self,
        vpc: &str,
        base: &str,
        target: RouteTarget,
        subnets: &[String],
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .ec2
            .create_route_table()
            .vpc_id(vpc)
            .tag_specifications(self.tag_spec(ResourceType::RouteTable, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .route_table()
                .and_then(|t| t.route_table_id())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::RouteTable, &id, &[])?;
        let route = self
            .ec2
            .create_route()
            .route_table_id(&id)
            .destination_cidr_block("0.0.0.0/0");
        match target {
            RouteTarget::InternetGateway(gateway) => drop(
                route
                    .gateway_id(gateway)
                    .send()
                    .await
                    .map_err(failed(&name))?,
            ),
            RouteTarget::NatGateway(nat) => drop(
                route
                    .nat_gateway_id(nat)
                    .send()
                    .await
                    .map_err(failed(&name))?,
            ),
            RouteTarget::None => {}
        }
        for subnet in subnets {
            self.ec2
                .associate_route_table()
                .route_table_id(&id)
                .subnet_id(subnet)
                .send()
                .await
                .map_err(failed(&name))?;
        }
        Ok(id)
    }

    /// A gateway endpoint (`s3`, `dynamodb`) on the given route tables.
    pub async fn gateway_endpoint(
        &mut self,
        vpc: &str,
        service: &str,
        route_tables: &[String],
    ) -> Result<String, ProvisionError> {
        let request = self
            .ec2
            .create_vpc_endpoint()
            .vpc_endpoint_type(VpcEndpointType::Gateway)
            .set_route_table_ids(Some(route_tables.to_vec()));
        self.endpoint(request, vpc, service).await
    }

    /// An interface endpoint (`ecr.api`, `logs` …) with private DNS, in `subnets`, behind `group`.
    pub async fn interface_endpoint(
        &mut self,
        vpc: &str,
        service: &str,
        subnets: &[String],
        group: &str,
    ) -> Result<String, ProvisionError> {
        let request = self
            .ec2
            .create_vpc_endpoint()
            .vpc_endpoint_type(VpcEndpointType::Interface)
            .set_subnet_ids(Some(subnets.to_vec()))
            .security_group_ids(group)
            .private_dns_enabled(true);
        self.endpoint(request, vpc, service).await
    }

    /// Sends an endpoint request for `service` in `vpc`, named, tagged and recorded.
    async fn endpoint(
        &mut self,
        request: CreateVpcEndpointFluentBuilder,
        vpc: &str,
        service: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name(&format!("{}-endpoint", service.replace('.', "-")));
        let output = request
            .vpc_id(vpc)
            .service_name(format!("com.amazonaws.{}.{service}", self.region))
            .tag_specifications(self.tag_spec(ResourceType::VpcEndpoint, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .vpc_endpoint()
                .and_then(|e| e.vpc_endpoint_id())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::VpcEndpoint, &id, &[])?;
        self.awaits(Asynchronous::VpcEndpoint(id.clone()));
        Ok(id)
    }

    /// A security group with described ingress rules and, unless `open_egress`, no egress.
    pub async fn security_group(
        &mut self,
        vpc: &str,
        base: &str,
        rules: &[Rule],
        open_egress: bool,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .ec2
            .create_security_group()
            .group_name(&name)
            .description(format!("{base} tier"))
            .vpc_id(vpc)
            .tag_specifications(self.tag_spec(ResourceType::SecurityGroup, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(output.group_id().map(str::to_string), &name)?;
        self.record(Kind::SecurityGroup, &id, &[])?;
        if !rules.is_empty() {
            let permissions = rules.iter().map(Rule::permission).collect();
            self.ec2
                .authorize_security_group_ingress()
                .group_id(&id)
                .set_ip_permissions(Some(permissions))
                .send()
                .await
                .map_err(failed(&name))?;
        }
        let all = IpPermission::builder()
            .ip_protocol("-1")
            .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
            .build();
        self.ec2
            .revoke_security_group_egress()
            .group_id(&id)
            .ip_permissions(all)
            .send()
            .await
            .map_err(failed(&name))?;
        if open_egress {
            let described = IpPermission::builder()
                .ip_protocol("-1")
                .ip_ranges(
                    IpRange::builder()
                        .cidr_ip("0.0.0.0/0")
                        .description("outbound to AWS APIs and image pulls")
                        .build(),
                )
                .build();
            self.ec2
                .authorize_security_group_egress()
                .group_id(&id)
                .ip_permissions(described)
                .send()
                .await
                .map_err(failed(&name))?;
        }
        Ok(id)
    }

    /// Removes every rule from the VPC's default security group.
    pub async fn lock_default_group(&mut self, vpc: &str) -> Result<(), ProvisionError> {
        let filter = aws_sdk_ec2::types::Filter::builder()
            .name("vpc-id")
            .values(vpc)
            .build();
        let name = aws_sdk_ec2::types::Filter::builder()
            .name("group-name")
            .values("default")
            .build();
        let groups = self
            .ec2
            .describe_security_groups()
            .filters(filter)
            .filters(name)
            .send()
            .await
            .map_err(failed("default security group"))?;
        for group in groups.security_groups() {
            let id = group.group_id().unwrap_or_default();
            if !group.ip_permissions().is_empty() {
                self.ec2
                    .revoke_security_group_ingress()
                    .group_id(id)
                    .set_ip_permissions(Some(group.ip_permissions().to_vec()))
                    .send()
                    .await
                    .map_err(failed("default security group"))?;
            }
            if !group.ip_permissions_egress().is_empty() {
                self.ec2
                    .revoke_security_group_egress()
                    .group_id(id)
                    .set_ip_permissions(Some(group.ip_permissions_egress().to_vec()))
                    .send()
                    .await
                    .map_err(failed("default security group"))?;
            }
        }
        Ok(())
    }

    /// A VPC peering connection from `requester` to `accepter` (in `accepter_region`), accepted.
    pub async fn peering(
        &mut self,
        requester: &str,
        accepter: &str,
        accepter_region: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name("peering");
        let output = self
            .ec2
            .create_vpc_peering_connection()
            .vpc_id(requester)
            .peer_vpc_id(accepter)
            .peer_region(accepter_region)
            .tag_specifications(self.tag_spec(ResourceType::VpcPeeringConnection, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(
            output
                .vpc_peering_connection()
                .and_then(|p| p.vpc_peering_connection_id())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::VpcPeering, &id, &[])?;
        if accepter_region == self.region {
            self.ec2
                .accept_vpc_peering_connection()
                .vpc_peering_connection_id(&id)
                .send()
                .await
                .map_err(failed(&name))?;
        }
        Ok(id)
    }

    /// Routes `cidr` through a peering connection in `route_table` (current region).
    pub async fn peering_route(
        &mut self,
        route_table: &str,
        cidr: &str,
        peering: &str,
    ) -> Result<(), ProvisionError> {
        let what = format!("route {cidr} via {peering}");
        self.ec2
            .create_route()
            .route_table_id(route_table)
            .destination_cidr_block(cidr)
            .vpc_peering_connection_id(peering)
            .send()
            .await
            .map_err(failed(&what))?;
        Ok(())
    }

    /// Accepts a peering connection requested from another region (run in the accepter's region).
    pub async fn accept_peering(&mut self, id: &str) -> Result<(), ProvisionError> {
        self.ec2
            .accept_vpc_peering_connection()
            .vpc_peering_connection_id(id)
            .send()
            .await
            .map_err(failed(id))?;
        Ok(())
    }

    /// VPC flow logs (all traffic) into a log group, delivered by `role_arn`.
    pub async fn flow_log(
        &mut self,
        vpc: &str,
        log_group: &str,
        role_arn: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name("flow-log");
        let output = self
            .ec2
            .create_flow_logs()
            .resource_type(FlowLogsResourceType::Vpc)
            .resource_ids(vpc)
            .traffic_type(TrafficType::All)
            .log_group_name(log_group)
            .deliver_logs_permission_arn(role_arn)
            // Tagged as it is created, so a run killed before recording it still finds it.
            .tag_specifications(self.tag_spec(ResourceType::VpcFlowLog, &name))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(output.flow_log_ids().first().cloned(), &name)?;
        self.record(Kind::FlowLog, &id, &[])?;
        Ok(id)
    }
}
