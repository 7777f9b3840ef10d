//! Where evaluation time goes over a synthetic inventory of N resources (default 10,000):
//! building the indexes, each check alone (the 15 slowest listed), the whole parallel
//! evaluation, and the process's peak memory.
//! `cargo run --release -p stackproof-checks --example slowest_checks -- 10000`.

use std::time::Instant;

use chrono::NaiveDate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::{context::Context, engine::evaluate};

#[path = "../benches/synthetic.rs"]
mod synthetic;

fn main() {
    let n = std::env::args()
        .nth(1)
        .map_or(10_000, |arg| arg.parse().expect("N: a number of resources"));
    let profile = load_profile("microservices", std::path::Path::new("fixtures/profiles"))
        .or_else(|_| {
            load_profile(
                "microservices",
                std::path::Path::new("../fixtures/profiles"),
            )
        })
        .expect("the microservices profile");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let inventory = synthetic::synthetic(n);
    let started = Instant::now();
    let context = Context::new(&inventory, &profile);
    let indexing = started.elapsed().as_secs_f64() * 1000.0;
    let mut timings: Vec<(f64, &str)> = REGISTRY
        .iter()
        .map(|check| {
            let started = Instant::now();
            std::hint::black_box((check.evaluate)(&context));
            (started.elapsed().as_secs_f64() * 1000.0, check.meta.id)
        })
        .collect();
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timings.iter().map(|(ms, _)| ms).sum();
    let started = Instant::now();
    let results = evaluate(&inventory, &profile, REGISTRY, &[], today)
        .results
        .len();
    let whole = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} resources, {} checks: indexing {indexing:.1} ms, checks {total:.1} ms; \
         whole evaluation {whole:.1} ms, {results} results",
        inventory.resource_count(),
        timings.len()
    );
    for (ms, id) in timings.iter().take(15) {
        println!("{id:>10} {ms:>10.1} ms");
    }
    // Peak resident memory of the whole process (inventory, indexes and results), from Linux.
    if let Some(peak) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
    {
        println!("peak memory {}", peak.trim_start_matches("VmHWM:").trim());
    }
}
