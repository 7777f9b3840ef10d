//! A synthetic inventory of mixed kinds for the engine benchmark and `slowest_checks`: `n`
//! resources as `n / 21` "units", each a service with everything it references (subnet, route
//! table, security group, task definition, roles, log group, bucket, key, secret, repository,
//! target group, listener, load balancer, alarm, scaling target and policy, Cloud Map service,
//! Aurora cluster and instance).
//! References point inside the unit, so every cross-resource rule has real lookups to do.

use std::collections::BTreeMap;

use serde_json::json;
use stackproof_checks::inventory::{
    Alarm, Bucket, CloudMapNamespace, CloudMapService, Container, DbCluster, DbInstance,
    EcrRepository, EcsService, Inventory, KmsKey, Listener, ListenerAction, LoadBalancer, LogGroup,
    NamedPolicy, Role, Route, RouteTable, ScalableTarget, ScalingPolicy, Secret, SecurityGroup,
    SgRule, SnsTopic, Subnet, TargetGroup, TaskDefinition, Vpc, WeightedTargetGroup,
};

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";
/// Resources per unit.
const KINDS: usize = 21;

pub fn synthetic(n: usize) -> Inventory {
    let mut inventory = Inventory::default();
    inventory.vpcs.push(Vpc {
        id: "vpc-1".into(),
        cidr_block: "10.0.0.0/8".into(),
        ..Default::default()
    });
    inventory.sns_topics.push(SnsTopic {
        arn: arn("sns", "alerts".into()),
        name: "alerts".into(),
        ..Default::default()
    });
    inventory.cloud_map_namespaces.push(CloudMapNamespace {
        id: "ns-1".into(),
        arn: arn("servicediscovery", "namespace/ns-1".into()),
        name: "internal".into(),
        namespace_type: "DNS_PRIVATE".into(),
        ..Default::default()
    });
    for i in 0..n / KINDS {
        unit(&mut inventory, i);
    }
    inventory
}

fn arn(service: &str, resource: String) -> String {
    format!("arn:aws:{service}:{REGION}:{ACCOUNT}:{resource}")
}

fn unit(inventory: &mut Inventory, i: usize) {
    let subnet = format!("subnet-{i:08x}");
    let group = format!("sg-{i:08x}");
    let task_role = format!("arn:aws:iam::{ACCOUNT}:role/task-{i}");
    let execution_role = format!("arn:aws:iam::{ACCOUNT}:role/exec-{i}");
    let key = arn("kms", format!("key/key-{i}"));
    let secret = arn("secretsmanager", format!("secret:db-{i}"));
    let target_group = arn("elasticloadbalancing", format!("targetgroup/tg-{i}/1"));
    let load_balancer = arn("elasticloadbalancing", format!("loadbalancer/app/lb-{i}/1"));
    let task_definition = arn("ecs", format!("task-definition/app-{i}:1"));
    let log_group = format!("/ecs/app-{i}");

    inventory.subnets.push(Subnet {
        id: subnet.clone(),
        vpc_id: "vpc-1".into(),
        cidr_block: format!("10.{}.{}.0/24", (i / 256) % 256, i % 256),
        availability_zone: format!("{REGION}{}", ["a", "b", "c"][i % 3]),
        declared_tier: Some("private".into()),
        ..Default::default()
    });
    inventory.route_tables.push(RouteTable {
        id: format!("rtb-{i:08x}"),
        vpc_id: "vpc-1".into(),
        subnet_ids: vec![subnet.clone()],
        routes: vec![Route {
            destination_cidr: Some("0.0.0.0/0".into()),
            nat_gateway_id: Some("nat-1".into()),
            ..Default::default()
        }],
        ..Default::default()
    });
    inventory.security_groups.push(SecurityGroup {
        id: group.clone(),
        name: format!("app-{i}"),
        vpc_id: "vpc-1".into(),
        ingress: vec![SgRule {
            protocol: "tcp".into(),
            from_port: Some(8080),
            to_port: Some(8080),
            group_id: Some(format!("sg-lb-{i:08x}")),
            description: Some("from the load balancer".into()),
            ..Default::default()
        }],
        ..Default::default()
    });
    let statement = |action: &str, resource: &str| json!({"Effect": "Allow", "Action": [action], "Resource": resource});
    inventory.roles.push(Role {
        name: format!("task-{i}"),
        arn: task_role.clone(),
        trust_policy: Some(
            json!({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}),
        ),
        inline_policies: vec![NamedPolicy {
            name: "app".into(),
            document: json!({"Statement": [
                statement("s3:GetObject", &format!("arn:aws:s3:::bucket-{i}/*")),
                statement("kms:Decrypt", &key),
            ]}),
        }],
        ..Default::default()
    });
    inventory.roles.push(Role {
        name: format!("exec-{i}"),
        arn: execution_role.clone(),
        inline_policies: vec![NamedPolicy {
            name: "secrets".into(),
            document: json!({"Statement": [statement("secretsmanager:GetSecretValue", &secret)]}),
        }],
        ..Default::default()
    });
    inventory.buckets.push(Bucket {
        name: format!("bucket-{i}"),
        ..Default::default()
    });
    inventory.kms_keys.push(KmsKey {
        id: format!("key-{i}"),
        arn: key.clone(),
        key_manager: "CUSTOMER".into(),
        key_state: "Enabled".into(),
        aliases: vec![format!("alias/app-{i}")],
        ..Default::default()
    });
    inventory.secrets.push(Secret {
        arn: secret.clone(),
        name: format!("db-{i}"),
        kms_key_id: Some(key.clone()),
        ..Default::default()
    });
    inventory.log_groups.push(LogGroup {
        name: log_group.clone(),
        retention_days: Some(30),
        kms_key_id: Some(key.clone()),
        ..Default::default()
    });
    inventory.ecr_repositories.push(EcrRepository {
        name: format!("app-{i}"),
        arn: arn("ecr", format!("repository/app-{i}")),
        uri: format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/app-{i}"),
        tag_mutability: "IMMUTABLE".into(),
        scan_on_push: true,
        ..Default::default()
    });
    inventory.task_definitions.push(TaskDefinition {
        arn: task_definition.clone(),
        family: format!("app-{i}"),
        revision: 1,
        task_role_arn: Some(task_role),
        execution_role_arn: Some(execution_role),
        cpu_architecture: Some("ARM64".into()),
        containers: vec![Container {
            name: "app".into(),
            image: format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/app-{i}:v1.0.{i}"),
            log_driver: Some("awslogs".into()),
            log_options: [("awslogs-group".to_string(), log_group)].into(),
            secrets: [("DB_PASSWORD".to_string(), secret)].into(),
            port_mappings: vec![8080],
            ..Default::default()
        }],
        ..Default::default()
    });
    inventory.ecs_services.push(EcsService {
        name: format!("svc-{i}"),
        arn: arn("ecs", format!("service/c/svc-{i}")),
        cluster_arn: arn("ecs", "cluster/c".into()),
        task_definition_arn: task_definition,
        desired_count: 2,
        subnet_ids: vec![subnet],
        security_group_ids: vec![group],
        target_group_arns: vec![target_group.clone()],
        registry_arns: vec![arn("servicediscovery", format!("service/srv-{i}"))],
        ..Default::default()
    });
    inventory.target_groups.push(TargetGroup {
        arn: target_group.clone(),
        name: format!("tg-{i}"),
        port: Some(8080),
        target_type: "ip".into(),
        load_balancer_arns: vec![load_balancer.clone()],
        ..Default::default()
    });
    inventory.listeners.push(Listener {
        arn: arn("elasticloadbalancing", format!("listener/app/lb-{i}/1/1")),
        load_balancer_arn: load_balancer.clone(),
        port: 443,
        protocol: "HTTPS".into(),
        default_actions: vec![ListenerAction {
            action_type: "forward".into(),
            forward: vec![WeightedTargetGroup {
                target_group_arn: target_group,
                weight: 1,
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    inventory.load_balancers.push(LoadBalancer {
        arn: load_balancer,
        name: format!("lb-{i}"),
        scheme: "internal".into(),
        vpc_id: "vpc-1".into(),
        security_group_ids: vec![format!("sg-lb-{i:08x}")],
        attributes: BTreeMap::from([("deletion_protection.enabled".into(), "false".into())]),
        ..Default::default()
    });
    inventory.alarms.push(Alarm {
        name: format!("cpu-{i}"),
        arn: arn("cloudwatch", format!("alarm:cpu-{i}")),
        metric_name: Some("CPUUtilization".into()),
        alarm_actions: vec![arn("sns", "alerts".into())],
        actions_enabled: true,
        ..Default::default()
    });
    inventory.scalable_targets.push(ScalableTarget {
        resource_id: format!("service/c/svc-{i}"),
        scalable_dimension: "ecs:service:DesiredCount".into(),
        min_capacity: Some(2),
        max_capacity: Some(10),
        ..Default::default()
    });
    inventory.scaling_policies.push(ScalingPolicy {
        name: format!("cpu-{i}"),
        arn: arn("autoscaling", format!("scalingPolicy:cpu-{i}")),
        resource_id: format!("service/c/svc-{i}"),
        policy_type: "TargetTrackingScaling".into(),
        target_value: Some(60.0),
        predefined_metric: Some("ECSServiceAverageCPUUtilization".into()),
        ..Default::default()
    });
    inventory.cloud_map_services.push(CloudMapService {
        id: format!("srv-{i}"),
        arn: arn("servicediscovery", format!("service/srv-{i}")),
        name: format!("app-{i}"),
        namespace_id: "ns-1".into(),
        ..Default::default()
    });
    inventory.db_clusters.push(DbCluster {
        id: format!("db-{i}"),
        arn: arn("rds", format!("cluster:db-{i}")),
        engine: "aurora-postgresql".into(),
        storage_encrypted: true,
        kms_key_id: Some(key),
        members: vec![format!("db-{i}-1")],
        ..Default::default()
    });
    inventory.db_instances.push(DbInstance {
        id: format!("db-{i}-1"),
        arn: arn("rds", format!("db:db-{i}-1")),
        cluster_id: Some(format!("db-{i}")),
        instance_class: "db.r6g.large".into(),
        ..Default::default()
    });
}
