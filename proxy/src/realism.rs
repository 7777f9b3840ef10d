//! AWS's asynchronous states where the emulator is instant (the first of issue #19's realism):
//! a NAT gateway is `pending` for a while after CreateNatGateway and `deleting` for a while after
//! DeleteNatGateway, as DescribeNatGateways shows it; while one is deleting, what it uses cannot
//! go: releasing its Elastic IP, deleting its subnet or VPC and detaching the VPC's internet
//! gateway fail the way AWS fails them. Durations are scaled down (seconds, not AWS's minutes).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::request::Request;

/// How long each transitional state lasts.
#[derive(Debug, Clone, Copy)]
pub struct Durations {
    /// NAT gateway `pending` → `available` (AWS: typically a few minutes).
    pub nat_pending: Duration,
    /// NAT gateway `deleting` → `deleted` (AWS: typically about a minute).
    pub nat_deleting: Duration,
}

/// A NAT gateway the proxy saw created.
#[derive(Debug)]
struct Nat {
    subnet: String,
    allocation: String,
    vpc: Option<String>,
    created: Instant,
    deleted: Option<Instant>,
}

/// What the proxy remembers of the resources whose states it plays.
#[derive(Debug)]
pub struct Realism {
    durations: Durations,
    nats: Mutex<BTreeMap<String, Nat>>,
}

/// The error AWS answers instead, when a request must fail.
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Realism {
    pub fn new(durations: Durations) -> Self {
        Self {
            durations,
            nats: Mutex::default(),
        }
    }

    /// A request AWS would refuse now, given the states in flight.
    pub fn refuse(&self, operation: &str, request: &Request) -> Option<Refusal> {
        let now = Instant::now();
        let nats = self.nats.lock().unwrap();
        let deleting = nats.iter().filter(|(_, nat)| {
            nat.deleted
                .is_some_and(|at| now < at + self.durations.nat_deleting)
        });
        for (id, nat) in deleting {
            let blocked = match operation {
                "ec2:ReleaseAddress" => request.form("AllocationId") == Some(&nat.allocation),
                "ec2:DeleteSubnet" => request.form("SubnetId") == Some(&nat.subnet),
                "ec2:DeleteVpc" | "ec2:DetachInternetGateway" => {
                    nat.vpc.is_some() && request.form("VpcId") == nat.vpc.as_deref()
                }
                _ => false,
            };
            if blocked {
                let code = if operation == "ec2:ReleaseAddress" {
                    "InvalidIPAddress.InUse"
                } else {
                    "DependencyViolation"
                };
                return Some(Refusal {
                    code,
                    message: format!("{id} is still deleting and uses this resource"),
                });
            }
        }
        None
    }

    /// Learns from a forwarded request and its answer; returns the answer as AWS would give it.
    pub fn observe(&self, operation: &str, request: &Request, answer: Vec<u8>) -> Vec<u8> {
        let now = Instant::now();
        match operation {
            "ec2:CreateNatGateway" => {
                if let Some(id) = tag_value(&answer, "natGatewayId") {
                    self.nats.lock().unwrap().insert(
                        id,
                        Nat {
                            subnet: request.form("SubnetId").unwrap_or_default().to_string(),
                            allocation: request
                                .form("AllocationId")
                                .unwrap_or_default()
                                .to_string(),
                            vpc: tag_value(&answer, "vpcId"),
                            created: now,
                            deleted: None,
                        },
                    );
                }
                with_states(&answer, |_| Some("pending"))
            }
            "ec2:DeleteNatGateway" => {
                if let Some(id) = request.form("NatGatewayId") {
                    if let Some(nat) = self.nats.lock().unwrap().get_mut(id) {
                        nat.deleted.get_or_insert(now);
                    }
                }
                answer
            }
            "ec2:DescribeNatGateways" => {
                let nats = self.nats.lock().unwrap();
                with_states(&answer, |id| {
                    let nat = nats.get(id)?;
                    match nat.deleted {
                        Some(at) if now < at + self.durations.nat_deleting => Some("deleting"),
                        Some(_) => None,
                        None if now < nat.created + self.durations.nat_pending => Some("pending"),
                        None => None,
                    }
                })
            }
            _ => answer,
        }
    }
}

/// The first `<name>value</name>` of an EC2 XML answer.
fn tag_value(answer: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(answer).ok()?;
    let open = format!("<{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&format!("</{name}>"))? + start;
    Some(text[start..end].to_string())
}

/// The answer with each NAT gateway's `<state>` replaced where `state_of(id)` says so, and its
/// `Content-Length` set to the new body's length.
fn with_states(answer: &[u8], state_of: impl Fn(&str) -> Option<&'static str>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(answer) else {
        return answer.to_vec();
    };
    let Some(split) = text.find("\r\n\r\n") else {
        return answer.to_vec();
    };
    let (head, body) = (&text[..split], &text[split + 4..]);
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    // Each gateway is an element holding its <natGatewayId> and its <state>.
    while let Some(at) = rest.find("<natGatewayId>") {
        let id_start = at + "<natGatewayId>".len();
        let Some(id_len) = rest[id_start..].find("</natGatewayId>") else {
            break;
        };
        let id = &rest[id_start..id_start + id_len];
        let after_id = id_start + id_len;
        // The gateway's own state: the next <state> before the next gateway.
        let next_gateway = rest[after_id..]
            .find("<natGatewayId>")
            .map_or(rest.len(), |n| after_id + n);
        let state = rest[after_id..next_gateway]
            .find("<state>")
            .map(|s| after_id + s + "<state>".len());
        match (state, state_of(id)) {
            (Some(state_start), Some(new)) => {
                let state_len = rest[state_start..].find("</state>").unwrap_or(0);
                out.push_str(&rest[..state_start]);
                out.push_str(new);
                rest = &rest[state_start + state_len..];
            }
            _ => {
                out.push_str(&rest[..after_id]);
                rest = &rest[after_id..];
            }
        }
    }
    out.push_str(rest);
    let head: Vec<String> = head
        .lines()
        .map(|line| {
            if line.to_ascii_lowercase().starts_with("content-length:") {
                format!("Content-Length: {}", out.len())
            } else {
                line.to_string()
            }
        })
        .collect();
    format!("{}\r\n\r\n{out}", head.join("\r\n")).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_rewritten_per_gateway_and_the_length_follows() {
        let body = "<DescribeNatGatewaysResponse><natGatewaySet>\
            <item><natGatewayId>nat-1</natGatewayId><subnetId>subnet-1</subnetId><state>available</state></item>\
            <item><natGatewayId>nat-2</natGatewayId><state>available</state></item>\
            </natGatewaySet></DescribeNatGatewaysResponse>";
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let rewritten = with_states(answer.as_bytes(), |id| (id == "nat-1").then_some("pending"));
        let text = String::from_utf8(rewritten).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(body.contains(
            "<natGatewayId>nat-1</natGatewayId><subnetId>subnet-1</subnetId><state>pending</state>"
        ));
        assert!(body.contains("<natGatewayId>nat-2</natGatewayId><state>available</state>"));
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
    }
}
