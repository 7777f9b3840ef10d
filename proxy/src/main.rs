//! `stackproof-proxy`: the test proxy as a process, for benchmarks and trials by hand.
//!
//! ```text
//! stackproof-proxy --upstream http://127.0.0.1:5000 --latency-ms 50 --throttle aws
//! stackproof check --endpoint http://127.0.0.1:4580 …
//! curl -s http://127.0.0.1:4580/__proxy/stats
//! ```

use std::time::Duration;

use clap::{Parser, ValueEnum};
use stackproof_proxy::realism::Durations;
use stackproof_proxy::{FaultProxy, Latency, ProxyOptions, Realism, STATS_PATH, Throttle};

/// A proxy in front of an emulator that adds a round trip to every AWS request and throttles at
/// AWS's default read rates. It prints its endpoint, serves its counts at `/__proxy/stats`, and
/// runs until killed.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The emulator to forward to
    #[arg(long, value_name = "URL")]
    upstream: String,
    /// The loopback port to listen on (0: any free port)
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Milliseconds added to every signed request
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Each delay varies uniformly by up to this many milliseconds either way
    #[arg(long, value_name = "MS", default_value_t = 0)]
    jitter_ms: u64,
    /// Seed of the jitter
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Throttle read requests at these rates
    #[arg(long, value_enum, default_value_t = Rates::None)]
    throttle: Rates,
    /// Multiply every rate (a raised quota, or a stricter trial)
    #[arg(long, default_value_t = 1.0)]
    rate_factor: f64,
    /// Play AWS's asynchronous behaviour (docs/aws-realism.md): states that last these many
    /// milliseconds (NAT gateways, endpoints, Aurora, load balancers, ECS services), what
    /// deleting resources hold, IAM propagation (half of it), EC2's consistency (a quarter)
    #[arg(long, value_name = "MS")]
    realism_ms: Option<u64>,
    /// Print each request (milliseconds since start, operation) on standard error: the
    /// critical path shows as the gaps of one latency between dependent requests
    #[arg(long)]
    trace: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Rates {
    /// No throttling
    None,
    /// AWS's default read rates (see docs/aws-realism.md)
    Aws,
}

fn main() {
    let args = Args::parse();
    let options = ProxyOptions {
        latency: Latency::uniform(
            Duration::from_millis(args.latency_ms),
            Duration::from_millis(args.jitter_ms),
            args.seed,
        ),
        throttle: match args.throttle {
            Rates::None => None,
            Rates::Aws => Some(Throttle::aws_defaults().scaled(args.rate_factor)),
        },
        realism: (args.realism_ms)
            .map(|ms| Realism::new(Durations::scaled(Duration::from_millis(ms)))),
        port: args.port,
        trace: args.trace,
        ..ProxyOptions::default()
    };
    let proxy = match FaultProxy::with(&args.upstream, options) {
        Ok(proxy) => proxy,
        Err(error) => {
            eprintln!(
                "stackproof-proxy: cannot listen on port {}: {error}",
                args.port
            );
            std::process::exit(2);
        }
    };
    println!("{}", proxy.endpoint());
    eprintln!(
        "stackproof-proxy: forwarding to {}; statistics at {}{STATS_PATH}",
        args.upstream,
        proxy.endpoint()
    );
    loop {
        std::thread::park();
    }
}
