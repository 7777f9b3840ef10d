//! ECS (cluster, task definition, service) and the Application Load Balancer in front of it.

use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, Compatibility,
    ContainerDefinition, CpuArchitecture, KeyValuePair, LaunchType, LogConfiguration, LogDriver,
    NetworkConfiguration, NetworkMode, OsFamily, PortMapping, RuntimePlatform, Secret,
};
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, ForwardActionConfig, IpAddressType, LoadBalancerSchemeEnum,
    ProtocolEnum, TargetGroupTuple, TargetTypeEnum,
};

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;
use crate::wait::Asynchronous;

/// One container task definition.
#[derive(Debug, Clone)]
pub struct TaskSpec<'a> {
    pub family: &'a str,
    pub image: &'a str,
    pub cpu: &'a str,
    pub memory: &'a str,
    pub arm64: bool,
    pub port: i32,
    pub task_role: &'a str,
    pub execution_role: &'a str,
    pub log_group: &'a str,
    pub environment: &'a [(&'a str, &'a str)],
    /// Name → secret ARN (`valueFrom`).
    pub secrets: &'a [(&'a str, &'a str)],
}

/// One Fargate service.
#[derive(Debug, Clone)]
pub struct ServiceSpec<'a> {
    pub base: &'a str,
    pub cluster: &'a str,
    pub task_definition: &'a str,
    pub desired_count: i32,
    pub subnets: &'a [String],
    pub security_group: &'a str,
    pub target_group: Option<&'a str>,
    pub container: &'a str,
    pub port: i32,
    /// Capacity provider → weight; plain FARGATE launch type when empty.
    pub capacity: &'a [(&'a str, i32)],
    pub grace_period_seconds: i32,
    /// Cloud Map service ARN to register tasks in.
    pub registry: Option<&'a str>,
}

impl Builder {
    fn ecs_tags(&self, name: &str) -> Vec<aws_sdk_ecs::types::Tag> {
        self.tags(name)
            .into_iter()
            .map(|(k, v)| aws_sdk_ecs::types::Tag::builder().key(k).value(v).build())
            .collect()
    }

    fn elb_tags(&self, name: &str) -> Vec<aws_sdk_elasticloadbalancingv2::types::Tag> {
        self.tags(name)
            .into_iter()
            .map(|(k, v)| {
                aws_sdk_elasticloadbalancingv2::types::Tag::builder()
                    .key(k)
                    .value(v)
                    .build()
            })
            .collect()
    }

    /// A cluster with Container Insights on and the given capacity providers and default weights.
    pub async fn ecs_cluster(
        &mut self,
        base: &str,
        providers: &[(&str, i32)],
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let setting = aws_sdk_ecs::types::ClusterSetting::builder()
            .name(aws_sdk_ecs::types::ClusterSettingName::ContainerInsights)
            .value("enabled")
            .build();
        let mut create = self
            .ecs
            .create_cluster()
            .cluster_name(&name)
            .settings(setting)
            .set_tags(Some(self.ecs_tags(&name)));
        for (provider, weight) in providers {
            create = create
                .capacity_providers(*provider)
                .default_capacity_provider_strategy(
                    CapacityProviderStrategyItem::builder()
                        .capacity_provider(*provider)
                        .weight(*weight)
                        .build()
                        .map_err(failed(&name))?,
                );
        }
        let output = create.send().await.map_err(failed(&name))?;
        let arn = required(
            output
                .cluster()
                .and_then(|c| c.cluster_arn())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::EcsCluster, &arn, &[])?;
        Ok(name)
    }

    /// A Fargate task definition with one container logging to CloudWatch; returns its ARN.
    pub async fn task_definition(&mut self, spec: &TaskSpec<'_>) -> Result<String, ProvisionError> {
        let family = self.name(spec.family);
        let logs = LogConfiguration::builder()
            .log_driver(LogDriver::Awslogs)
            .options("awslogs-group", spec.log_group)
            .options("awslogs-region", &self.region)
            .options("awslogs-stream-prefix", spec.family)
            .build()
            .map_err(failed(&family))?;
        let mut container = ContainerDefinition::builder()
            .name(spec.family)
            .image(spec.image)
            .essential(true)
            .readonly_root_filesystem(true)
            .privileged(false)
            .port_mappings(PortMapping::builder().container_port(spec.port).build())
            .log_configuration(logs);
        for (name, value) in spec.environment {
            container =
                container.environment(KeyValuePair::builder().name(*name).value(*value).build());
        }
        for (name, arn) in spec.secrets {
            container = container.secrets(
                Secret::builder()
                    .name(*name)
                    .value_from(*arn)
                    .build()
                    .map_err(failed(&family))?,
            );
        }
        let architecture = if spec.arm64 {
            CpuArchitecture::Arm64
        } else {
            CpuArchitecture::X8664
        };
        let output = self
            .ecs
            .register_task_definition()
            .family(&family)
            .cpu(spec.cpu)
            .memory(spec.memory)
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(Compatibility::Fargate)
            .runtime_platform(
                RuntimePlatform::builder()
                    .cpu_architecture(architecture)
                    .operating_system_family(OsFamily::Linux)
                    .build(),
            )
            .task_role_arn(spec.task_role)
            .execution_role_arn(spec.execution_role)
            .set_tags(Some(self.ecs_tags(&family)))
            .container_definitions(container.build())
            .send()
            .await
            .map_err(failed(&family))?;
        let arn = required(
            output
                .task_definition()
                .and_then(|t| t.task_definition_arn())
                .map(str::to_string),
            &family,
        )?;
        self.record(Kind::TaskDefinition, &arn, &[])?;
        Ok(arn)
    }

    /// An IPv4 application load balancer; returns (ARN, DNS name).
    pub async fn load_balancer(
        &mut self,
        base: &str,
        subnets: &[String],
        security_group: &str,
        internet_facing: bool,
    ) -> Result<(String, String), ProvisionError> {
        let name = self.name(base);
        let scheme = if internet_facing {
            LoadBalancerSchemeEnum::InternetFacing
        } else {
            LoadBalancerSchemeEnum::Internal
        };
        let output = self
            .elb
            .create_load_balancer()
            .name(&name)
            .set_subnets(Some(subnets.to_vec()))
            .security_groups(security_group)
            .set_tags(Some(self.elb_tags(&name)))
            .scheme(scheme)
            .ip_address_type(IpAddressType::Ipv4)
            .send()
            .await
            .map_err(failed(&name))?;
        let lb = required(output.load_balancers().first(), &name)?;
        let arn = required(lb.load_balancer_arn().map(str::to_string), &name)?;
        let dns = required(lb.dns_name().map(str::to_string), &name)?;
        self.record(Kind::LoadBalancer, &arn, &[])?;
        self.awaits(Asynchronous::LoadBalancer(arn.clone()));
        let cross_zone = aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
            .key("load_balancing.cross_zone.enabled")
            .value("true")
            .build();
        let drop_invalid = aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
            .key("routing.http.drop_invalid_header_fields.enabled")
            .value("true")
            .build();
        self.elb
            .modify_load_balancer_attributes()
            .load_balancer_arn(&arn)
            .attributes(cross_zone)
            .attributes(drop_invalid)
            .send()
            .await
            .map_err(failed(&name))?;
        Ok((arn, dns))
    }

    /// Makes the load balancer write its access logs into `bucket` under `prefix`.
    pub async fn access_logs(
        &mut self,
        load_balancer: &str,
        bucket: &str,
        prefix: &str,
    ) -> Result<(), ProvisionError> {
        let attribute = |key: &str, value: &str| {
            aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
                .key(key)
                .value(value)
                .build()
        };
        self.elb
            .modify_load_balancer_attributes()
            .load_balancer_arn(load_balancer)
            .attributes(attribute("access_logs.s3.enabled", "true"))
            .attributes(attribute("access_logs.s3.bucket", bucket))
            .attributes(attribute("access_logs.s3.prefix", prefix))
            .send()
            .await
            .map_err(failed(load_balancer))?;
        Ok(())
    }

    /// An IP target group with an HTTP health check on `path` every `interval` seconds.
    pub async fn target_group(
        &mut self,
        base: &str,
        vpc: &str,
        port: i32,
        path: &str,
        interval: i32,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .elb
            .create_target_group()
            .name(&name)
            .set_tags(Some(self.elb_tags(&name)))
            .protocol(ProtocolEnum::Http)
            .port(port)
            .vpc_id(vpc)
            .target_type(TargetTypeEnum::Ip)
            .health_check_enabled(true)
            .health_check_path(path)
            .health_check_interval_seconds(interval)
            .health_check_timeout_seconds(5)
            .healthy_threshold_count(3)
            .unhealthy_threshold_count(3)
            .send()
            .await
            .map_err(failed(&name))?;
        let arn = required(
            output
                .target_groups()
                .first()
                .and_then(|t| t.target_group_arn())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::TargetGroup, &arn, &[])?;
        Ok(arn)
    }

    /// An HTTP listener forwarding to target groups with weights.
    pub async fn listener(
        &mut self,
        load_balancer: &str,
        port: i32,
        targets: &[(&str, i32)],
    ) -> Result<String, ProvisionError> {
        self.listener_with(load_balancer, port, targets, None).await
    }

    /// A path-pattern rule on a listener forwarding to one target group.
    pub async fn path_rule(
        &mut self,
        listener: &str,
        priority: i32,
        path: &str,
        target_group: &str,
    ) -> Result<String, ProvisionError> {
        use aws_sdk_elasticloadbalancingv2::types::{PathPatternConditionConfig, RuleCondition};
        let what = format!("rule {path}");
        let condition = RuleCondition::builder()
            .field("path-pattern")
            .path_pattern_config(PathPatternConditionConfig::builder().values(path).build())
            .build();
        let forward = Action::builder()
            .r#type(ActionTypeEnum::Forward)
            .target_group_arn(target_group)
            .build();
        let output = self
            .elb
            .create_rule()
            .listener_arn(listener)
            .priority(priority)
            .conditions(condition)
            .actions(forward)
            .send()
            .await
            .map_err(failed(&what))?;
        let arn = required(
            output
                .rules()
                .first()
                .and_then(|r| r.rule_arn())
                .map(str::to_string),
            &what,
        )?;
        self.record(Kind::ListenerRule, &arn, &[])?;
        Ok(arn)
    }

    /// An HTTPS listener (TLS 1.2+ policy) with `certificate`, forwarding to target groups.
    pub async fn https_listener(
        &mut self,
        load_balancer: &str,
        targets: &[(&str, i32)],
        certificate: &str,
    ) -> Result<String, ProvisionError> {
        self.listener_with(load_balancer, 443, targets, Some(certificate))
            .await
    }

    /// An HTTP listener on port 80 whose only action redirects to HTTPS (443, permanent).
    pub async fn redirect_listener(
        &mut self,
        load_balancer: &str,
    ) -> Result<String, ProvisionError> {
        use aws_sdk_elasticloadbalancingv2::types::{
            RedirectActionConfig, RedirectActionStatusCodeEnum,
        };
        let redirect = Action::builder()
            .r#type(ActionTypeEnum::Redirect)
            .redirect_config(
                RedirectActionConfig::builder()
                    .protocol("HTTPS")
                    .port("443")
                    .status_code(RedirectActionStatusCodeEnum::Http301)
                    .build(),
            )
            .build();
        self.create_listener(load_balancer, 80, redirect, None)
            .await
    }

    async fn listener_with(
        &mut self,
        load_balancer: &str,
        port: i32,
        targets: &[(&str, i32)],
        certificate: Option<&str>,
    ) -> Result<String, ProvisionError> {
        let groups = targets.iter().map(|(arn, weight)| {
            TargetGroupTuple::builder()
                .target_group_arn(*arn)
                .weight(*weight)
                .build()
        });
        let forward = Action::builder()
            .r#type(ActionTypeEnum::Forward)
            .forward_config(
                ForwardActionConfig::builder()
                    .set_target_groups(Some(groups.collect()))
                    .build(),
            )
            .build();
        self.create_listener(load_balancer, port, forward, certificate)
            .await
    }

    /// A listener with one default action: HTTPS (TLS 1.2+ policy) with `certificate`, else HTTP.
    async fn create_listener(
        &mut self,
        load_balancer: &str,
        port: i32,
        action: Action,
        certificate: Option<&str>,
    ) -> Result<String, ProvisionError> {
        let what = format!("listener {port}");
        let mut create = self
            .elb
            .create_listener()
            .load_balancer_arn(load_balancer)
            .port(port)
            .default_actions(action);
        create = match certificate {
            Some(arn) => create
                .protocol(ProtocolEnum::Https)
                .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                .certificates(
                    aws_sdk_elasticloadbalancingv2::types::Certificate::builder()
                        .certificate_arn(arn)
                        .build(),
                ),
            None => create.protocol(ProtocolEnum::Http),
        };
        let output = create.send().await.map_err(failed(&what))?;
        let arn = required(
            output
                .listeners()
                .first()
                .and_then(|l| l.listener_arn())
                .map(str::to_string),
            &what,
        )?;
        self.record(Kind::Listener, &arn, &[])?;
        Ok(arn)
    }

    /// A Fargate service in private subnets without public IPs; returns its ARN.
    pub async fn ecs_service(&mut self, spec: &ServiceSpec<'_>) -> Result<String, ProvisionError> {
        let name = self.name(spec.base);
        let network = AwsVpcConfiguration::builder()
            .set_subnets(Some(spec.subnets.to_vec()))
            .security_groups(spec.security_group)
            .assign_public_ip(AssignPublicIp::Disabled)
            .build()
            .map_err(failed(&name))?;
        let mut create = self
            .ecs
            .create_service()
            .cluster(spec.cluster)
            .service_name(&name)
            .task_definition(spec.task_definition)
            .set_tags(Some(self.ecs_tags(&name)))
            .desired_count(spec.desired_count)
            .platform_version("LATEST")
            .network_configuration(
                NetworkConfiguration::builder()
                    .awsvpc_configuration(network)
                    .build(),
            );
        if spec.capacity.is_empty() {
            create = create.launch_type(LaunchType::Fargate);
        }
        for (provider, weight) in spec.capacity {
            create = create.capacity_provider_strategy(
                CapacityProviderStrategyItem::builder()
                    .capacity_provider(*provider)
                    .weight(*weight)
                    .build()
                    .map_err(failed(&name))?,
            );
        }
        if let Some(target_group) = spec.target_group {
            create = create
                .load_balancers(
                    aws_sdk_ecs::types::LoadBalancer::builder()
                        .target_group_arn(target_group)
                        .container_name(spec.container)
                        .container_port(spec.port)
                        .build(),
                )
                .health_check_grace_period_seconds(spec.grace_period_seconds);
        }
        if let Some(registry) = spec.registry {
            create = create.service_registries(
                aws_sdk_ecs::types::ServiceRegistry::builder()
                    .registry_arn(registry)
                    .build(),
            );
        }
        let output = create.send().await.map_err(failed(&name))?;
        let arn = required(
            output
                .service()
                .and_then(|s| s.service_arn())
                .map(str::to_string),
            &name,
        )?;
        self.record(Kind::EcsService, &arn, &[("cluster", spec.cluster)])?;
        Ok(arn)
    }
}
