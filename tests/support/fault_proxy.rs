//! A real HTTP proxy between the AWS SDK and the emulator that injects faults per API operation:
//! the shared infrastructure for no-silent-pass, realism and latency tests.
//!
//! Point a client (or `stackproof --endpoint`) at [`FaultProxy::endpoint`]; every request is
//! identified as `service:Operation` (the names of the collector's request table: the signing
//! service from the SigV4 `Authorization` header, the operation from `X-Amz-Target`, the Query
//! protocol's `Action`, or S3's method and sub-resource), then either forwarded to the emulator
//! byte for byte or answered with the fault its [`FaultPlan`] picks, in the wire format of the
//! request's protocol (JSON, EC2 Query, Query, S3 REST-XML).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

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

/// A running proxy; stops accepting when dropped.
pub struct FaultProxy {
    port: u16,
    stopped: Arc<AtomicBool>,
    seen: Arc<Mutex<BTreeMap<String, u64>>>,
    injected: Arc<AtomicU64>,
}

impl FaultProxy {
    /// Starts a proxy on a free loopback port in front of `upstream` (`http://127.0.0.1:PORT`).
    pub fn start(upstream: &str, plan: FaultPlan) -> FaultProxy {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fault proxy");
        let port = listener.local_addr().unwrap().port();
        let proxy = FaultProxy {
            port,
            stopped: Arc::new(AtomicBool::new(false)),
            seen: Arc::default(),
            injected: Arc::default(),
        };
        let shared = Shared {
            upstream,
            plan: plan.clone(),
            random: Arc::new(Mutex::new(StdRng::seed_from_u64(match &plan {
                FaultPlan::Random { seed, .. } => *seed,
                _ => 0,
            }))),
            seen: proxy.seen.clone(),
            injected: proxy.injected.clone(),
        };
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
        proxy
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Signed requests seen, by `service:Operation` (faulted ones included).
    pub fn operations_seen(&self) -> BTreeMap<String, u64> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests got a fault.
    pub fn faults_injected(&self) -> u64 {
        self.injected.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

#[derive(Clone)]
struct Shared {
    upstream: String,
    plan: FaultPlan,
    /// A random plan's generator, drawn in the order requests arrive.
    random: Arc<Mutex<StdRng>>,
    seen: Arc<Mutex<BTreeMap<String, u64>>>,
    injected: Arc<AtomicU64>,
}

/// One request as read off the wire.
struct Request {
    head: String,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    fn method_and_target(&self) -> (&str, &str) {
        let mut first = self.head.lines().next().unwrap_or("").split(' ');
        (first.next().unwrap_or(""), first.next().unwrap_or("/"))
    }

    /// The SigV4 signing service (`ec2`, `monitoring` …).
    fn signing_service(&self) -> &str {
        self.header("authorization")
            .and_then(|auth| auth.split("Credential=").nth(1))
            .and_then(|credential| credential.split('/').nth(3))
            .unwrap_or("unknown")
    }

    /// `service:Operation` as the collector's request table names it.
    fn operation(&self) -> String {
        let service = match self.signing_service() {
            "monitoring" => "cloudwatch",
            other => other,
        };
        let (method, target) = self.method_and_target();
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let form = std::str::from_utf8(&self.body).unwrap_or("");
        let action = [form, query]
            .iter()
            .flat_map(|text| text.split('&'))
            .find_map(|pair| pair.strip_prefix("Action="));
        let operation = if let Some(target) = self.header("x-amz-target") {
            target.rsplit('.').next().unwrap_or(target).to_string()
        } else if let Some(action) = action {
            action.to_string()
        } else if service == "s3" {
            s3_operation(method, target.split('?').next().unwrap_or("/"), query)
        } else if service == "backup" {
            backup_operation(method, target.split('?').next().unwrap_or("/"))
        } else {
            format!("{method}Unknown")
        };
        format!("{service}:{operation}")
    }
}

/// S3's REST operations the collector and provisioner send, from method, path and sub-resource.
fn s3_operation(method: &str, path: &str, query: &str) -> String {
    let keys: Vec<&str> = query
        .split('&')
        .map(|pair| pair.split('=').next().unwrap_or(""))
        .collect();
    let sub = [
        ("encryption", "BucketEncryption"),
        ("policy", "BucketPolicy"),
        ("versioning", "BucketVersioning"),
        ("lifecycle", "BucketLifecycleConfiguration"),
        ("publicAccessBlock", "PublicAccessBlock"),
        ("ownershipControls", "BucketOwnershipControls"),
        ("tagging", "BucketTagging"),
        ("logging", "BucketLogging"),
        ("location", "BucketLocation"),
        ("acl", "BucketAcl"),
    ]
    .iter()
    .find(|(key, _)| keys.contains(key))
    .map(|(_, name)| *name);
    match (method, sub) {
        ("GET", _) if path.trim_matches('/').is_empty() => "ListBuckets".into(),
        ("GET", _) if keys.contains(&"versions") => "ListObjectVersions".into(),
        ("POST", _) if keys.contains(&"delete") => "DeleteObjects".into(),
        // Path-style: /bucket/key names an object.
        ("DELETE", _) if path.trim_matches('/').contains('/') => "DeleteObject".into(),
        ("GET", Some(name)) => format!("Get{name}"),
        ("PUT", Some(name)) => format!("Put{name}"),
        ("DELETE", Some(name)) => format!("Delete{name}"),
        ("HEAD", _) => "HeadBucket".into(),
        ("GET", None) => "ListObjectsV2".into(),
        ("PUT", None) => "CreateBucket".into(),
        ("DELETE", None) => "DeleteBucket".into(),
        _ => format!("{method}Unknown"),
    }
}

/// AWS Backup's REST operations the provisioner sends, from method and path.
fn backup_operation(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let operation = match (method, segments.as_slice()) {
        ("GET", ["backup-vaults"]) => "ListBackupVaults",
        ("PUT", ["backup-vaults", _]) => "CreateBackupVault",
        ("DELETE", ["backup-vaults", _]) => "DeleteBackupVault",
        ("GET", ["backup", "plans"]) => "ListBackupPlans",
        ("PUT", ["backup", "plans"]) => "CreateBackupPlan",
        ("DELETE", ["backup", "plans", _]) => "DeleteBackupPlan",
        _ => return format!("{method}Unknown"),
    };
    operation.into()
}

impl Shared {
    fn serve(&self, client: TcpStream) {
        let mut reader = BufReader::new(client.try_clone().expect("clone the client stream"));
        let mut client = client;
        while let Some(request) = read_request(&mut reader) {
            // Unsigned requests are no AWS API call (the target's probe of moto's own API).
            if request.header("authorization").is_none() {
                if !self.forward(&request, &mut client) {
                    return;
                }
                continue;
            }
            let operation = request.operation();
            *self
                .seen
                .lock()
                .unwrap()
                .entry(operation.clone())
                .or_default() += 1;
            match self.fault_for(&operation) {
                None => {
                    if !self.forward(&request, &mut client) {
                        return;
                    }
                }
                Some(fault) => {
                    self.injected.fetch_add(1, Ordering::SeqCst);
                    match fault {
                        Fault::Reset => {
                            let _ = client.shutdown(Shutdown::Both);
                            return;
                        }
                        Fault::Stall(duration) => {
                            std::thread::sleep(duration);
                            let _ = client.shutdown(Shutdown::Both);
                            return;
                        }
                        answered => {
                            let reply = error_reply(&request, answered);
                            if client.write_all(&reply).is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    fn fault_for(&self, operation: &str) -> Option<Fault> {
        match &self.plan {
            FaultPlan::None => None,
            FaultPlan::Operation(target, fault) => (target == operation).then_some(*fault),
            FaultPlan::Random { rate, faults, .. } => {
                let mut random = self.random.lock().unwrap();
                let pick = random.random_range(0..faults.len());
                random.random_bool(*rate).then(|| faults[pick])
            }
        }
    }

    /// Sends the request upstream on a connection of its own and relays the whole answer.
    /// Returns false when the client connection is gone.
    fn forward(&self, request: &Request, client: &mut TcpStream) -> bool {
        let Ok(mut upstream) = TcpStream::connect(&self.upstream) else {
            let _ = client.shutdown(Shutdown::Both);
            return false;
        };
        let mut head: Vec<&str> = request
            .head
            .lines()
            .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
            .filter(|line| !line.is_empty())
            .collect();
        head.push("Connection: close");
        let mut bytes = head.join("\r\n").into_bytes();
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes.extend_from_slice(&request.body);
        if upstream.write_all(&bytes).is_err() {
            return false;
        }
        let mut answer = Vec::new();
        if upstream.read_to_end(&mut answer).is_err() {
            return false;
        }
        // The upstream closes after its answer; the client may keep its connection, so the
        // relayed answer says nothing about closing.
        client.write_all(&keep_alive(&answer)).is_ok()
    }
}

/// An upstream answer with its `Connection: close` header removed.
fn keep_alive(answer: &[u8]) -> Vec<u8> {
    let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return answer.to_vec();
    };
    let head = String::from_utf8_lossy(&answer[..end]);
    let head: Vec<&str> = head
        .lines()
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    let mut bytes = head.join("\r\n").into_bytes();
    bytes.extend_from_slice(&answer[end..]);
    bytes
}

/// Reads one request (head and `Content-Length` body); `None` when the client closed.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
    }
    let mut request = Request {
        head,
        body: Vec::new(),
    };
    let length: usize = request
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    request.body = vec![0; length];
    reader.read_exact(&mut request.body).ok()?;
    Some(request)
}

/// The fault as the request's protocol spells an error.
fn error_reply(request: &Request, fault: Fault) -> Vec<u8> {
    let service = request.signing_service();
    let json = request.header("x-amz-target").is_some();
    let (status, code) = match (fault, service, json) {
        (Fault::Denied, "ec2", _) => (403, "UnauthorizedOperation"),
        (Fault::Denied, _, true) => (400, "AccessDeniedException"),
        (Fault::Denied, _, false) => (403, "AccessDenied"),
        (Fault::Throttled, "ec2", _) => (503, "RequestLimitExceeded"),
        (Fault::Throttled, "s3", _) => (503, "SlowDown"),
        (Fault::Throttled, _, true) => (400, "ThrottlingException"),
        (Fault::Throttled, _, false) => (400, "Throttling"),
        (Fault::ServerError, "s3", _) => (500, "InternalError"),
        (_, _, _) => (500, "InternalFailure"),
    };
    let message = format!("injected by the fault proxy: {}", request.operation());
    let (content_type, body) = if json {
        (
            "application/x-amz-json-1.1",
            format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
        )
    } else if service == "ec2" {
        (
            "text/xml",
            format!(
                "<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault</RequestID></Response>"
            ),
        )
    } else if service == "s3" {
        (
            "application/xml",
            format!("<Error><Code>{code}</Code><Message>{message}</Message></Error>"),
        )
    } else {
        (
            "text/xml",
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>"
            ),
        )
    };
    let body = if request.method_and_target().0 == "HEAD" {
        String::new()
    } else {
        body
    };
    format!(
        "HTTP/1.1 {status} Fault\r\nContent-Type: {content_type}\r\nx-amzn-ErrorType: {code}\r\nx-amzn-RequestId: fault\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
