//! Composite building blocks every scenario shares: the network layout and VPC flow logs.

use serde_json::json;

use super::{Builder, RouteTarget};
use crate::ProvisionError;

/// AWS's managed policy for ECS task execution (image pulls, log delivery).
pub const EXECUTION_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

/// The network a scenario starts from.
#[derive(Debug, Clone)]
pub struct Network {
    pub vpc: String,
    pub zones: Vec<String>,
    pub public: Vec<String>,
    pub private: Vec<String>,
    pub private_routes: String,
}

impl Builder {
    /// VPC `10.<octet>.0.0/16` over the region's first `zone_count` zones, with a public
    /// (`10.<octet>.<i>.0/24`) and a private (`10.<octet>.<10+i>.0/24`) subnet in each; an internet
    /// gateway as the public default route; one NAT gateway as the private default route when
    /// `nat` (none otherwise); the VPC's default security group emptied.
    pub async fn network(
        &mut self,
        base: &str,
        octet: u8,
        zone_count: usize,
        nat: bool,
    ) -> Result<Network, ProvisionError> {
        let zones: Vec<String> = ["a", "b", "c", "d"]
            .iter()
            .take(zone_count)
            .map(|z| format!("{}{z}", self.region))
            .collect();
        let vpc = self
            .vpc(&format!("{base}-vpc"), &format!("10.{octet}.0.0/16"))
            .await?;
        let mut public = Vec::new();
        let mut private = Vec::new();
        for (index, zone) in zones.iter().enumerate() {
            public.push(
                self.subnet(&vpc, &format!("10.{octet}.{index}.0/24"), zone, "public")
                    .await?,
            );
            private.push(
                self.subnet(
                    &vpc,
                    &format!("10.{octet}.{}.0/24", 10 + index),
                    zone,
                    "private",
                )
                .await?,
            );
        }
        let igw = self.internet_gateway(&vpc).await?;
        self.route_table(
            &vpc,
            &format!("{base}-public-routes"),
            RouteTarget::InternetGateway(igw),
            &public,
        )
        .await?;
        let egress = match nat {
            true => RouteTarget::NatGateway(self.nat_gateway(&public[0]).await?),
            false => RouteTarget::None,
        };
        let private_routes = self
            .route_table(&vpc, &format!("{base}-private-routes"), egress, &private)
            .await?;
        self.lock_default_group(&vpc).await?;
        Ok(Network {
            vpc,
            zones,
            public,
            private,
            private_routes,
        })
    }

    /// A task execution role with AWS's managed execution policy; returns its ARN.
    pub async fn execution_role(&mut self, base: &str) -> Result<String, ProvisionError> {
        self.role(
            &format!("{base}-execution-role"),
            "ecs-tasks.amazonaws.com",
            None,
            &[EXECUTION_POLICY],
        )
        .await
    }

    /// A task execution role that may also read `secrets` (encrypted with `key_arn`) to inject
    /// them into containers; returns its ARN.
    pub async fn execution_role_reading(
        &mut self,
        base: &str,
        secrets: &[&str],
        key_arn: &str,
    ) -> Result<String, ProvisionError> {
        let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Secrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": secrets},
            {"Sid": "Decrypt", "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": key_arn}
        ]});
        self.role(
            &format!("{base}-execution-role"),
            "ecs-tasks.amazonaws.com",
            Some(policy),
            &[EXECUTION_POLICY],
        )
        .await
    }

    /// Flow logs of all the VPC's traffic into a new log group (kept `retention_days`, encrypted
    /// with `key`), delivered by a role that may write to that group only; returns the group.
    pub async fn vpc_flow_logs(
        &mut self,
        vpc: &str,
        base: &str,
        account: &str,
        retention_days: i32,
        key: Option<&str>,
    ) -> Result<String, ProvisionError> {
        let group = self
            .log_group(
                &format!("/vpc/{}", self.name(&format!("{base}-flow-logs"))),
                retention_days,
                key,
            )
            .await?;
        let policy = json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            "Resource": format!("arn:aws:logs:{}:{account}:log-group:{group}:*", self.region)
        }]});
        let role = self
            .role(
                &format!("{base}-flow-logs-role"),
                "vpc-flow-logs.amazonaws.com",
                Some(policy),
                &[],
            )
            .await?;
        self.flow_log(vpc, &group, &role).await?;
        Ok(group)
    }
}
