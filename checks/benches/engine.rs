//! The engine over synthetic inventories of 1k, 10k and 100k resources of mixed kinds, every
//! check of the registry against the microservices profile: evaluation must stay linear.
//! `cargo bench -p stackproof-checks --bench engine`; figures in docs/performance.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stackproof_checks::engine::evaluate;
use stackproof_checks::inventory::{
    Bucket, Container, EcsService, Inventory, LogGroup, NamedPolicy, Role, SecurityGroup, SgRule,
    Subnet, TaskDefinition,
};
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;

/// `n` resources: a tenth each of subnets, security groups, roles, buckets, log groups, task
/// definitions, services, and the rest spread over the same kinds.
pub fn synthetic(n: usize) -> Inventory {
    let mut inventory = Inventory::default();
    let per_kind = n / 7;
    for i in 0..per_kind {
        inventory.subnets.push(Subnet {
            id: format!("subnet-{i:08x}"),
            vpc_id: "vpc-1".into(),
            cidr_block: format!("10.{}.{}.0/24", (i / 256) % 256, i % 256),
            availability_zone: format!("us-east-1{}", ["a", "b", "c"][i % 3]),
            declared_tier: Some(if i % 2 == 0 { "public" } else { "private" }.into()),
            ..Default::default()
        });
        inventory.security_groups.push(SecurityGroup {
            id: format!("sg-{i:08x}"),
            name: format!("group-{i}"),
            vpc_id: "vpc-1".into(),
            ingress: vec![SgRule {
                protocol: "tcp".into(),
                from_port: Some(443),
                to_port: Some(443),
                group_id: Some(format!("sg-{:08x}", (i + 1) % per_kind.max(1))),
                description: Some("from the next group".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        inventory.roles.push(Role {
            name: format!("role-{i}"),
            arn: format!("arn:aws:iam::123456789012:role/role-{i}"),
            inline_policies: vec![NamedPolicy {
                name: "p".into(),
                document: serde_json::json!({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": format!("arn:aws:s3:::bucket-{i}/*")}]}),
            }],
            ..Default::default()
        });
        inventory.buckets.push(Bucket {
            name: format!("bucket-{i}"),
            ..Default::default()
        });
        inventory.log_groups.push(LogGroup {
            name: format!("/ecs/app-{i}"),
            retention_days: Some(30),
            ..Default::default()
        });
        inventory.task_definitions.push(TaskDefinition {
            arn: format!("arn:aws:ecs:us-east-1:123456789012:task-definition/app-{i}:1"),
            family: format!("app-{i}"),
            containers: vec![Container {
                name: "app".into(),
                image: "repo/app:v1.0.0".into(),
                log_driver: Some("awslogs".into()),
                log_options: [("awslogs-group".to_string(), format!("/ecs/app-{i}"))].into(),
                port_mappings: vec![8080],
                ..Default::default()
            }],
            ..Default::default()
        });
        inventory.ecs_services.push(EcsService {
            name: format!("svc-{i}"),
            arn: format!("arn:svc-{i}"),
            cluster_arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c".into(),
            task_definition_arn: format!(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/app-{i}:1"
            ),
            subnet_ids: vec![format!("subnet-{:08x}", i)],
            security_group_ids: vec![format!("sg-{i:08x}")],
            ..Default::default()
        });
    }
    inventory
}

fn engine(c: &mut Criterion) {
    let profile = load_profile(
        "microservices",
        std::path::Path::new("../fixtures/profiles"),
    )
    .expect("the microservices profile");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut group = c.benchmark_group("evaluate all checks");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let inventory = synthetic(n);
        group.throughput(Throughput::Elements(inventory.resource_count() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    evaluate(black_box(inventory), &profile, REGISTRY, &[], today)
                        .results
                        .len()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
