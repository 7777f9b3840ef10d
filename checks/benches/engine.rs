//! The engine over synthetic inventories of 1k, 10k and 100k resources of mixed kinds, every
//! check of the registry against the microservices profile: evaluation must stay linear.
//! `cargo bench -p stackproof-checks --bench engine`; figures in docs/performance.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;

mod synthetic;
use synthetic::synthetic;

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
