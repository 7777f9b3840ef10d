//! A small stack built directly with the AWS SDK, as a deployment tool would leave it, plus the
//! flat outputs file such a tool would write (DNS names and names, not ARNs, where real stacks
//! use them).

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{
    AttributeBooleanValue, IpPermission, IpRange, UserIdGroupPair, VpcEndpointType,
};

/// What the builder created, for assertions.
#[derive(Debug, Default)]
pub struct SmallStack {
    pub outputs: BTreeMap<String, String>,
    pub vpc: String,
    pub public_subnets: Vec<String>,
    pub private_subnets: Vec<String>,
    pub alb_group: String,
    pub app_group: String,
    pub db_group: String,
    pub nat: String,
    pub endpoint: String,
    pub bucket: String,
    pub task_role: String,
    pub execution_role: String,
    pub log_group: String,
    pub key_id: String,
    pub secret_arn: String,
    pub topic_arn: String,
    pub cluster: String,
    pub service: String,
    pub load_balancer_dns: String,
    pub db_cluster: String,
    pub repository: String,
    pub namespace_id: String,
    pub parameter: String,
    pub dashboard: String,
    pub alarm: String,
}

fn permission(
    port: i32,
    cidr: Option<&str>,
    group: Option<&str>,
    description: &str,
) -> IpPermission {
    let builder = IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(port)
        .to_port(port);
    let builder = match cidr {
        Some(cidr) => builder.ip_ranges(
            IpRange::builder()
                .cidr_ip(cidr)
                .description(description)
                .build(),
        ),
        None => builder,
    };
    let builder = match group {
        Some(group) => builder.user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(group)
                .description(description)
                .build(),
        ),
        None => builder,
    };
    builder.build()
}

/// Builds the stack in `config`'s region; every name ends with `suffix`.
pub async fn build(config: &SdkConfig, suffix: &str) -> SmallStack {
    let mut stack = SmallStack::default();
    let region = config.region().unwrap().to_string();
    let ec2 = aws_sdk_ec2::Client::new(config);

    // Network: VPC, 2 public + 2 private subnets, IGW, NAT, route tables, S3 endpoint, groups.
    stack.vpc = super::create_vpc(&ec2, "10.0.0.0/16").await;
    for (index, (tier, cidr)) in [
        ("public", "10.0.0.0/24"),
        ("public", "10.0.1.0/24"),
        ("private", "10.0.10.0/24"),
        ("private", "10.0.11.0/24"),
    ]
    .iter()
    .enumerate()
    {
        let zone = format!("{region}{}", ['a', 'b'][index % 2]);
        let subnet = ec2
            .create_subnet()
            .vpc_id(&stack.vpc)
            .cidr_block(*cidr)
            .availability_zone(zone)
            .send()
            .await
            .unwrap();
        let id = subnet.subnet().unwrap().subnet_id().unwrap().to_string();
        if *tier == "public" {
            stack.public_subnets.push(id)
        } else {
            stack.private_subnets.push(id)
        }
    }
    let igw = ec2
        .create_internet_gateway()
        .send()
        .await
        .unwrap()
        .internet_gateway()
        .unwrap()
        .internet_gateway_id()
        .unwrap()
        .to_string();
    ec2.attach_internet_gateway()
        .internet_gateway_id(&igw)
        .vpc_id(&stack.vpc)
        .send()
        .await
        .unwrap();
    let public_table = ec2
        .create_route_table()
        .vpc_id(&stack.vpc)
        .send()
        .await
        .unwrap()
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    ec2.create_route()
        .route_table_id(&public_table)
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(&igw)
        .send()
        .await
        .unwrap();
    let allocation = ec2
        .allocate_address()
        .send()
        .await
        .unwrap()
        .allocation_id()
        .unwrap()
        .to_string();
    let nat = ec2
        .create_nat_gateway()
        .subnet_id(&stack.public_subnets[0])
        .allocation_id(allocation)
        .send()
        .await
        .unwrap();
    stack.nat = nat
        .nat_gateway()
        .unwrap()
        .nat_gateway_id()
        .unwrap()
        .to_string();
    let private_table = ec2
        .create_route_table()
        .vpc_id(&stack.vpc)
        .send()
        .await
        .unwrap()
        .route_table()
        .unwrap()
        .route_table_id()
        .unwrap()
        .to_string();
    ec2.create_route()
        .route_table_id(&private_table)
        .destination_cidr_block("0.0.0.0/0")
        .nat_gateway_id(&stack.nat)
        .send()
        .await
        .unwrap();
    for subnet in &stack.public_subnets {
        ec2.associate_route_table()
            .route_table_id(&public_table)
            .subnet_id(subnet)
            .send()
            .await
            .unwrap();
    }
    for subnet in &stack.private_subnets {
        ec2.associate_route_table()
            .route_table_id(&private_table)
            .subnet_id(subnet)
            .send()
            .await
            .unwrap();
        ec2.modify_subnet_attribute()
            .subnet_id(subnet)
            .map_public_ip_on_launch(AttributeBooleanValue::builder().value(false).build())
            .send()
            .await
            .unwrap();
    }
    let endpoint = ec2
        .create_vpc_endpoint()
        .vpc_id(&stack.vpc)
        .service_name(format!("com.amazonaws.{region}.s3"))
        .vpc_endpoint_type(VpcEndpointType::Gateway)
        .route_table_ids(&private_table)
        .send()
        .await
        .unwrap();
    stack.endpoint = endpoint
        .vpc_endpoint()
        .unwrap()
        .vpc_endpoint_id()
        .unwrap()
        .to_string();
    let group = |name: &str| {
        let ec2 = ec2.clone();
        let (name, vpc) = (format!("{name}-{suffix}"), stack.vpc.clone());
        async move {
            ec2.create_security_group()
                .group_name(&name)
                .description(&name)
                .vpc_id(vpc)
                .send()
                .await
                .unwrap()
                .group_id()
                .unwrap()
                .to_string()
        }
    };
    stack.alb_group = group("alb").await;
    stack.app_group = group("app").await;
    stack.db_group = group("db").await;
    ec2.authorize_security_group_ingress()
        .group_id(&stack.alb_group)
        .ip_permissions(permission(
            443,
            Some("0.0.0.0/0"),
            None,
            "https from the internet",
        ))
        .send()
        .await
        .unwrap();
    ec2.authorize_security_group_ingress()
        .group_id(&stack.app_group)
        .ip_permissions(permission(
            8080,
            None,
            Some(&stack.alb_group),
            "from the ALB",
        ))
        .send()
        .await
        .unwrap();
    ec2.authorize_security_group_ingress()
        .group_id(&stack.db_group)
        .ip_permissions(permission(
            5432,
            None,
            Some(&stack.app_group),
            "postgres from the app",
        ))
        .send()
        .await
        .unwrap();

    // Keys, logs, bucket, secret, topic.
    let kms = aws_sdk_kms::Client::new(config);
    stack.key_id = kms
        .create_key()
        .description(format!("stack key {suffix}"))
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .key_id()
        .to_string();
    kms.enable_key_rotation()
        .key_id(&stack.key_id)
        .send()
        .await
        .unwrap();
    kms.create_alias()
        .alias_name(format!("alias/stack-{suffix}"))
        .target_key_id(&stack.key_id)
        .send()
        .await
        .unwrap();
    let logs = aws_sdk_cloudwatchlogs::Client::new(config);
    stack.log_group = format!("/ecs/app-{suffix}");
    logs.create_log_group()
        .log_group_name(&stack.log_group)
        .send()
        .await
        .unwrap();
    logs.put_retention_policy()
        .log_group_name(&stack.log_group)
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(config)
            .force_path_style(true)
            .build(),
    );
    stack.bucket = format!("app-logs-{suffix}");
    let mut create = s3.create_bucket().bucket(&stack.bucket);
    if region != "us-east-1" {
        create = create.create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::from(
                    region.as_str(),
                ))
                .build(),
        );
    }
    create.send().await.unwrap();
    let sse = aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
        .rules(
            aws_sdk_s3::types::ServerSideEncryptionRule::builder()
                .apply_server_side_encryption_by_default(
                    aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
                        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::AwsKms)
                        .kms_master_key_id(&stack.key_id)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .build()
        .unwrap();
    s3.put_bucket_encryption()
        .bucket(&stack.bucket)
        .server_side_encryption_configuration(sse)
        .send()
        .await
        .unwrap();
    s3.put_bucket_versioning()
        .bucket(&stack.bucket)
        .versioning_configuration(
            aws_sdk_s3::types::VersioningConfiguration::builder()
                .status(aws_sdk_s3::types::BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    s3.put_public_access_block()
        .bucket(&stack.bucket)
        .public_access_block_configuration(
            aws_sdk_s3::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let secrets = aws_sdk_secretsmanager::Client::new(config);
    stack.secret_arn = secrets
        .create_secret()
        .name(format!("db-credentials-{suffix}"))
        .secret_string("{\"password\":\"s3cr3t\"}")
        .kms_key_id(&stack.key_id)
        .send()
        .await
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    let sns = aws_sdk_sns::Client::new(config);
    stack.topic_arn = sns
        .create_topic()
        .name(format!("alerts-{suffix}"))
        .attributes("KmsMasterKeyId", format!("alias/stack-{suffix}"))
        .send()
        .await
        .unwrap()
        .topic_arn()
        .unwrap()
        .to_string();

    // IAM: task role (inline policy) and execution role (AWS managed policy).
    let iam = aws_sdk_iam::Client::new(config);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    stack.task_role = format!("task-role-{suffix}");
    stack.execution_role = format!("execution-role-{suffix}");
    let task_role_arn = iam
        .create_role()
        .role_name(&stack.task_role)
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap()
        .role()
        .unwrap()
        .arn()
        .to_string();
    let execution_role_arn = iam
        .create_role()
        .role_name(&stack.execution_role)
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap()
        .role()
        .unwrap()
        .arn()
        .to_string();
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::{}/*"}}]}}"#,
        stack.bucket
    );
    iam.put_role_policy()
        .role_name(&stack.task_role)
        .policy_name("bucket-access")
        .policy_document(policy)
        .send()
        .await
        .unwrap();
    iam.attach_role_policy()
        .role_name(&stack.execution_role)
        .policy_arn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
        .send()
        .await
        .unwrap();

    // Load balancer, target group, listener.
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(config);
    let lb = elb
        .create_load_balancer()
        .name(format!("alb-{suffix}"))
        .set_subnets(Some(stack.public_subnets.clone()))
        .security_groups(&stack.alb_group)
        .send()
        .await
        .unwrap();
    let lb = lb.load_balancers()[0].clone();
    stack.load_balancer_dns = lb.dns_name().unwrap().to_string();
    let tg = elb
        .create_target_group()
        .name(format!("tg-{suffix}"))
        .protocol(aws_sdk_elasticloadbalancingv2::types::ProtocolEnum::Http)
        .port(8080)
        .vpc_id(&stack.vpc)
        .target_type(aws_sdk_elasticloadbalancingv2::types::TargetTypeEnum::Ip)
        .health_check_interval_seconds(30)
        .health_check_path("/health")
        .send()
        .await
        .unwrap();
    let tg_arn = tg.target_groups()[0]
        .target_group_arn()
        .unwrap()
        .to_string();
    elb.create_listener()
        .load_balancer_arn(lb.load_balancer_arn().unwrap())
        .protocol(aws_sdk_elasticloadbalancingv2::types::ProtocolEnum::Http)
        .port(80)
        .default_actions(
            aws_sdk_elasticloadbalancingv2::types::Action::builder()
                .r#type(aws_sdk_elasticloadbalancingv2::types::ActionTypeEnum::Forward)
                .target_group_arn(&tg_arn)
                .build(),
        )
        .send()
        .await
        .unwrap();

    // ECR repository (immutable tags, scan on push, lifecycle policy) the task's image comes from.
    let ecr = aws_sdk_ecr::Client::new(config);
    stack.repository = format!("app-{suffix}");
    let repository = ecr
        .create_repository()
        .repository_name(&stack.repository)
        .image_tag_mutability(aws_sdk_ecr::types::ImageTagMutability::Immutable)
        .image_scanning_configuration(
            aws_sdk_ecr::types::ImageScanningConfiguration::builder()
                .scan_on_push(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let image = format!(
        "{}:v1.0.0",
        repository.repository().unwrap().repository_uri().unwrap()
    );
    let lifecycle = r#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}"#;
    ecr.put_lifecycle_policy()
        .repository_name(&stack.repository)
        .lifecycle_policy_text(lifecycle)
        .send()
        .await
        .unwrap();

    // Cloud Map: a private DNS namespace and a service the ECS service registers into.
    let discovery = aws_sdk_servicediscovery::Client::new(config);
    let operation = discovery
        .create_private_dns_namespace()
        .name(format!("{suffix}.internal"))
        .vpc(&stack.vpc)
        .send()
        .await
        .unwrap();
    let operation = discovery
        .get_operation()
        .operation_id(operation.operation_id().unwrap())
        .send()
        .await
        .unwrap();
    stack.namespace_id = operation
        .operation()
        .unwrap()
        .targets()
        .unwrap()
        .get(&aws_sdk_servicediscovery::types::OperationTargetType::Namespace)
        .unwrap()
        .clone();
    let registry = discovery
        .create_service()
        .name("app")
        .namespace_id(&stack.namespace_id)
        .dns_config(
            aws_sdk_servicediscovery::types::DnsConfig::builder()
                .dns_records(
                    aws_sdk_servicediscovery::types::DnsRecord::builder()
                        .r#type(aws_sdk_servicediscovery::types::RecordType::A)
                        .ttl(10)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let registry_arn = registry.service().unwrap().arn().unwrap().to_string();

    // ECS: cluster, ARM64 task definition with awslogs and a secret, service behind the ALB.
    let ecs = aws_sdk_ecs::Client::new(config);
    stack.cluster = format!("cluster-{suffix}");
    ecs.create_cluster()
        .cluster_name(&stack.cluster)
        .send()
        .await
        .unwrap();
    let container = aws_sdk_ecs::types::ContainerDefinition::builder()
        .name("app")
        .image(&image)
        .essential(true)
        .port_mappings(
            aws_sdk_ecs::types::PortMapping::builder()
                .container_port(8080)
                .build(),
        )
        .environment(
            aws_sdk_ecs::types::KeyValuePair::builder()
                .name("MODE")
                .value("live")
                .build(),
        )
        .secrets(
            aws_sdk_ecs::types::Secret::builder()
                .name("DB_PASSWORD")
                .value_from(format!("{}:password::", stack.secret_arn))
                .build()
                .unwrap(),
        )
        .log_configuration(
            aws_sdk_ecs::types::LogConfiguration::builder()
                .log_driver(aws_sdk_ecs::types::LogDriver::Awslogs)
                .options("awslogs-group", &stack.log_group)
                .options("awslogs-region", &region)
                .options("awslogs-stream-prefix", "app")
                .build()
                .unwrap(),
        )
        .build();
    let definition = ecs
        .register_task_definition()
        .family(format!("app-{suffix}"))
        .cpu("512")
        .memory("1024")
        .network_mode(aws_sdk_ecs::types::NetworkMode::Awsvpc)
        .requires_compatibilities(aws_sdk_ecs::types::Compatibility::Fargate)
        .runtime_platform(
            aws_sdk_ecs::types::RuntimePlatform::builder()
                .cpu_architecture(aws_sdk_ecs::types::CpuArchitecture::Arm64)
                .operating_system_family(aws_sdk_ecs::types::OsFamily::Linux)
                .build(),
        )
        .task_role_arn(&task_role_arn)
        .execution_role_arn(&execution_role_arn)
        .container_definitions(container)
        .send()
        .await
        .unwrap();
    let definition_arn = definition
        .task_definition()
        .unwrap()
        .task_definition_arn()
        .unwrap()
        .to_string();
    stack.service = format!("app-{suffix}");
    ecs.create_service()
        .cluster(&stack.cluster)
        .service_name(&stack.service)
        .task_definition(&definition_arn)
        .desired_count(2)
        .launch_type(aws_sdk_ecs::types::LaunchType::Fargate)
        .network_configuration(
            aws_sdk_ecs::types::NetworkConfiguration::builder()
                .awsvpc_configuration(
                    aws_sdk_ecs::types::AwsVpcConfiguration::builder()
                        .set_subnets(Some(stack.private_subnets.clone()))
                        .security_groups(&stack.app_group)
                        .assign_public_ip(aws_sdk_ecs::types::AssignPublicIp::Disabled)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .load_balancers(
            aws_sdk_ecs::types::LoadBalancer::builder()
                .target_group_arn(&tg_arn)
                .container_name("app")
                .container_port(8080)
                .build(),
        )
        .health_check_grace_period_seconds(60)
        .service_registries(
            aws_sdk_ecs::types::ServiceRegistry::builder()
                .registry_arn(&registry_arn)
                .build(),
        )
        .send()
        .await
        .unwrap();

    // Application Auto Scaling: 2..10 tasks, CPU target tracking.
    let scaling = aws_sdk_applicationautoscaling::Client::new(config);
    let resource_id = format!("service/{}/{}", stack.cluster, stack.service);
    let namespace = aws_sdk_applicationautoscaling::types::ServiceNamespace::Ecs;
    let dimension =
        aws_sdk_applicationautoscaling::types::ScalableDimension::EcsServiceDesiredCount;
    scaling
        .register_scalable_target()
        .service_namespace(namespace.clone())
        .resource_id(&resource_id)
        .scalable_dimension(dimension.clone())
        .min_capacity(2)
        .max_capacity(10)
        .send()
        .await
        .unwrap();
    scaling
        .put_scaling_policy()
        .policy_name(format!("cpu-{suffix}"))
        .service_namespace(namespace)
        .resource_id(&resource_id)
        .scalable_dimension(dimension)
        .policy_type(aws_sdk_applicationautoscaling::types::PolicyType::TargetTrackingScaling)
        .target_tracking_scaling_policy_configuration(
            aws_sdk_applicationautoscaling::types::TargetTrackingScalingPolicyConfiguration::builder()
                .target_value(70.0)
                .predefined_metric_specification(
                    aws_sdk_applicationautoscaling::types::PredefinedMetricSpecification::builder()
                        .predefined_metric_type(aws_sdk_applicationautoscaling::types::MetricType::EcsServiceAverageCpuUtilization)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();

    // SSM parameters (a shared and a per-service one), a dashboard and an alarm.
    let ssm = aws_sdk_ssm::Client::new(config);
    stack.parameter = format!("/app/{suffix}/shared/feature-flags");
    for (name, value) in [
        (stack.parameter.clone(), "on"),
        (format!("/app/{suffix}/shared/region"), "here"),
    ] {
        ssm.put_parameter()
            .name(name)
            .value(value)
            .r#type(aws_sdk_ssm::types::ParameterType::String)
            .send()
            .await
            .unwrap();
    }
    let cloudwatch = aws_sdk_cloudwatch::Client::new(config);
    stack.dashboard = format!("ops-{suffix}");
    let body = r#"{"widgets":[{"type":"metric","properties":{"title":"ECS running tasks","metrics":[["ECS/ContainerInsights","RunningTaskCount"]]}}]}"#;
    cloudwatch
        .put_dashboard()
        .dashboard_name(&stack.dashboard)
        .dashboard_body(body)
        .send()
        .await
        .unwrap();
    stack.alarm = format!("cpu-high-{suffix}");
    cloudwatch
        .put_metric_alarm()
        .alarm_name(&stack.alarm)
        .namespace("AWS/ECS")
        .metric_name("CPUUtilization")
        .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
        .period(60)
        .evaluation_periods(1)
        .threshold(80.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .alarm_actions(&stack.topic_arn)
        .send()
        .await
        .unwrap();

    // Aurora PostgreSQL: subnet group over the private subnets, encrypted cluster, one instance.
    let rds = aws_sdk_rds::Client::new(config);
    let subnet_group = format!("db-subnets-{suffix}");
    rds.create_db_subnet_group()
        .db_subnet_group_name(&subnet_group)
        .db_subnet_group_description("private subnets")
        .set_subnet_ids(Some(stack.private_subnets.clone()))
        .send()
        .await
        .unwrap();
    stack.db_cluster = format!("aurora-{suffix}");
    let cluster = rds
        .create_db_cluster()
        .db_cluster_identifier(&stack.db_cluster)
        .engine("aurora-postgresql")
        .engine_version("15.4")
        .master_username("app")
        .master_user_password("not-a-real-password-1")
        .db_subnet_group_name(&subnet_group)
        .vpc_security_group_ids(&stack.db_group)
        .storage_encrypted(true)
        .kms_key_id(&stack.key_id)
        .backup_retention_period(7)
        .deletion_protection(false)
        .send()
        .await
        .unwrap();
    let endpoint = cluster
        .db_cluster()
        .unwrap()
        .endpoint()
        .unwrap()
        .to_string();
    rds.create_db_instance()
        .db_instance_identifier(format!("aurora-{suffix}-1"))
        .db_cluster_identifier(&stack.db_cluster)
        .engine("aurora-postgresql")
        .db_instance_class("db.r6g.large")
        .send()
        .await
        .unwrap();

    // The outputs, in the flat CloudFormation/CDK style.
    let outputs = [
        ("VpcId", stack.vpc.clone()),
        ("PublicSubnetIds", stack.public_subnets.join(",")),
        ("PrivateSubnetIds", stack.private_subnets.join(",")),
        ("AlbDnsName", stack.load_balancer_dns.clone()),
        ("AuroraEndpoint", endpoint),
        ("LogsBucketName", stack.bucket.clone()),
        ("EcsClusterName", stack.cluster.clone()),
        ("AppLogGroupName", stack.log_group.clone()),
        ("TaskRoleArn", task_role_arn),
        ("AlertTopicArn", stack.topic_arn.clone()),
        ("KmsKeyId", stack.key_id.clone()),
        ("ServiceDiscoveryNamespaceId", stack.namespace_id.clone()),
        ("ConfigParameter", stack.parameter.clone()),
        ("DashboardName", stack.dashboard.clone()),
        ("CpuAlarmName", stack.alarm.clone()),
        ("Environment", suffix.to_string()),
    ];
    stack.outputs = outputs
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    stack
}
