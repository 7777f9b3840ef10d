//! A real HTTP proxy between the AWS SDK and the emulator that makes the emulator behave more
//! like AWS: faults per API operation, a round trip per request, and AWS's request rates.
//!
//! Point a client (or `stackproof --endpoint`) at [`FaultProxy::endpoint`]; every signed request
//! is identified as `service:Operation` ([`request`]), delayed by the [`Latency`], answered with
//! the protocol's throttling error when its [`Throttle`] bucket is empty, answered with the fault
//! its [`FaultPlan`] picks, or forwarded to the emulator byte for byte. The proxy's own
//! statistics answer `GET /__proxy/stats` (JSON), for scripts that run the `stackproof-proxy`
//! binary. Tests use the library; `scripts/bench.sh` uses the binary.

pub mod latency;
pub mod realism;
mod reply;
pub mod request;
pub mod throttle;
mod wire;

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

pub use latency::Latency;
pub use realism::Realism;
pub use throttle::Throttle;

use request::{Request, read_request};

/// The path of the proxy's statistics (an unsigned GET).
pub const STATS_PATH: &str = "/__proxy/stats";

/// What the proxy does instead of forwarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The caller lacks the permission (`AccessDenied` in the protocol's words).
    Denied,
    /// HTTP 500, `InternalFailure`.
    ServerError,
    /// The protocol's throttling error (HTTP 400 or 503).
    Throttled,
    /// The connection closes without an answer.
    Reset,
    /// No answer for this long, then the connection closes.
    Stall(Duration),
    /// AWS refuses the request with this error code, every time (a deletion in progress that
    /// never ends: `DependencyViolation`, `ClusterContainsServicesException`).
    Refused(&'static str),
}

impl Fault {
    pub const ALL_QUICK: [Fault; 4] = [
        Fault::Denied,
        Fault::ServerError,
        Fault::Throttled,
        Fault::Reset,
    ];
}

/// Which requests fail, and how.
#[derive(Debug, Clone)]
pub enum FaultPlan {
    /// Forward everything.
    None,
    /// Every request of one `service:Operation` gets the fault.
    Operation(String, Fault),
    /// Each request fails with probability `rate` (a fault picked among `faults`), decided by a
    /// generator seeded with `seed` in the order requests arrive.
    Random {
        rate: f64,
        seed: u64,
        faults: Vec<Fault>,
    },
}

/// Everything the proxy does to requests.
#[derive(Debug)]
pub struct ProxyOptions {
    pub plan: FaultPlan,
    pub latency: Latency,
    /// AWS's request rates; `None` admits everything.
    pub throttle: Option<Throttle>,
    /// AWS's asynchronous states where the emulator is instant; `None` forwards as is.
    pub realism: Option<Realism>,
    /// The loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// Print each signed request (milliseconds since start, operation) on standard error.
    pub trace: bool,
}

impl Default for ProxyOptions {
    fn default() -> Self {
        Self {
            plan: FaultPlan::None,
            latency: Latency::none(),
            throttle: None,
            realism: None,
            port: 0,
            trace: false,
        }
    }
}

/// Counts, shared with the connection threads.
#[derive(Default)]
struct Counts {
    seen: Mutex<BTreeMap<String, u64>>,
    injected: AtomicU64,
    throttled: Mutex<BTreeMap<String, u64>>,
    /// Requests the realism mode refused, by `service:Operation code`.
    refused: Mutex<BTreeMap<String, u64>>,
}

/// A running proxy; stops accepting when dropped.
pub struct FaultProxy {
    port: u16,
    stopped: Arc<AtomicBool>,
    counts: Arc<Counts>,
}

impl FaultProxy {
    /// Starts a proxy on a free loopback port in front of `upstream` (`http://127.0.0.1:PORT`)
    /// that injects the faults of `plan`.
    pub fn start(upstream: &str, plan: FaultPlan) -> FaultProxy {
        Self::with(
            upstream,
            ProxyOptions {
                plan,
                ..ProxyOptions::default()
            },
        )
        .expect("bind the fault proxy")
    }

    /// Starts a proxy in front of `upstream` doing what `options` say.
    pub fn with(upstream: &str, options: ProxyOptions) -> std::io::Result<FaultProxy> {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind(("127.0.0.1", options.port))?;
        let port = listener.local_addr()?.port();
        let proxy = FaultProxy {
            port,
            stopped: Arc::new(AtomicBool::new(false)),
            counts: Arc::default(),
        };
        let seed = match &options.plan {
            FaultPlan::Random { seed, .. } => *seed,
            _ => 0,
        };
        let shared = Arc::new(Shared {
            upstream,
            random: Mutex::new(StdRng::seed_from_u64(seed)),
            options,
            counts: proxy.counts.clone(),
            started: std::time::Instant::now(),
        });
        let stopped = proxy.stopped.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = shared.clone();
                std::thread::spawn(move || shared.serve(stream));
            }
        });
        Ok(proxy)
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Signed requests seen, by `service:Operation` (faulted and throttled ones included).
    pub fn operations_seen(&self) -> BTreeMap<String, u64> {
        self.counts.seen.lock().unwrap().clone()
    }

    /// How many requests got a fault of the plan.
    pub fn faults_injected(&self) -> u64 {
        self.counts.injected.load(Ordering::SeqCst)
    }

    /// Requests answered with a throttling error because their bucket was empty, by operation.
    pub fn throttled(&self) -> BTreeMap<String, u64> {
        self.counts.throttled.lock().unwrap().clone()
    }

    /// Requests the realism mode refused as AWS would have, by `service:Operation code`.
    pub fn refused(&self) -> BTreeMap<String, u64> {
        self.counts.refused.lock().unwrap().clone()
    }
}

impl Counts {
    fn json(&self) -> String {
        serde_json::json!({
            "requests": *self.seen.lock().unwrap(),
            "faults_injected": self.injected.load(Ordering::SeqCst),
            "throttled": *self.throttled.lock().unwrap(),
            "refused": *self.refused.lock().unwrap(),
        })
        .to_string()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

struct Shared {
    upstream: String,
    options: ProxyOptions,
    /// A random plan's generator, drawn in the order requests arrive.
    random: Mutex<StdRng>,
    counts: Arc<Counts>,
    started: std::time::Instant,
}

/// What happens to one signed request.
enum Verdict {
    Forward,
    Fault(Fault),
}

impl Shared {
    fn serve(&self, client: TcpStream) {
        let mut reader = BufReader::new(client.try_clone().expect("clone the client stream"));
        let mut client = client;
        while let Some(request) = read_request(&mut reader) {
            let answered = if request.header("authorization").is_none() {
                self.unsigned(&request, &mut client)
            } else {
                self.signed(&request, &mut client)
            };
            if !answered {
                return;
            }
        }
    }

    /// Unsigned requests are no AWS API call: the proxy's statistics, or the target's probe of
    /// moto's own API (forwarded).
    fn unsigned(&self, request: &Request, client: &mut TcpStream) -> bool {
        if request.method_and_target() == ("GET", STATS_PATH) {
            return client
                .write_all(&wire::json_answer(&self.counts.json()))
                .is_ok();
        }
        wire::forward(&self.upstream, request, client)
    }

    /// Returns false when the connection is over.
    fn signed(&self, request: &Request, client: &mut TcpStream) -> bool {
        let operation = request.operation();
        *(self.counts.seen.lock().unwrap())
            .entry(operation.clone())
            .or_default() += 1;
        if self.options.trace {
            eprintln!("{:>8} {operation}", self.started.elapsed().as_millis());
        }
        let delay = self.options.latency.next();
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        match self.verdict(&operation) {
            Verdict::Forward => match &self.options.realism {
                None => wire::forward(&self.upstream, request, client),
                Some(realism) => self.as_aws(realism, &operation, request, client),
            },
            Verdict::Fault(Fault::Reset) => {
                let _ = client.shutdown(Shutdown::Both);
                false
            }
            Verdict::Fault(Fault::Stall(duration)) => {
                std::thread::sleep(duration);
                let _ = client.shutdown(Shutdown::Both);
                false
            }
            Verdict::Fault(fault) => client
                .write_all(&reply::error_reply(request, fault))
                .is_ok(),
        }
    }

    /// Forwards through the realism mode: refused as AWS would refuse it now, or the answer
    /// with the states AWS would show.
    fn as_aws(
        &self,
        realism: &Realism,
        operation: &str,
        request: &Request,
        client: &mut TcpStream,
    ) -> bool {
        let answer = match realism.refuse(operation, request) {
            Some(refusal) => {
                *(self.counts.refused.lock().unwrap())
                    .entry(format!("{operation} {}", refusal.code))
                    .or_default() += 1;
                reply::protocol_error(request, 400, refusal.code, &refusal.message)
            }
            None => match wire::exchange(&self.upstream, request) {
                Some(answer) => realism.observe(operation, request, answer),
                None => {
                    let _ = client.shutdown(Shutdown::Both);
                    return false;
                }
            },
        };
        client.write_all(&answer).is_ok()
    }

    fn verdict(&self, operation: &str) -> Verdict {
        if let Some(throttle) = &self.options.throttle
            && !throttle.admit(operation)
        {
            *(self.counts.throttled.lock().unwrap())
                .entry(operation.to_string())
                .or_default() += 1;
            return Verdict::Fault(Fault::Throttled);
        }
        match self.fault_for(operation) {
            Some(fault) => {
                self.counts.injected.fetch_add(1, Ordering::SeqCst);
                Verdict::Fault(fault)
            }
            None => Verdict::Forward,
        }
    }

    fn fault_for(&self, operation: &str) -> Option<Fault> {
        match &self.options.plan {
            FaultPlan::None => None,
            FaultPlan::Operation(target, fault) => (target == operation).then_some(*fault),
            FaultPlan::Random { rate, faults, .. } => {
                let mut random = self.random.lock().unwrap();
                let pick = random.random_range(0..faults.len());
                random.random_bool(*rate).then(|| faults[pick])
            }
        }
    }
}
