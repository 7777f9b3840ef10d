//! AWS's asynchronous behaviour where the emulator is instant (issue #19), played on the
//! emulator's answers: what AWS documents and provisioning and teardown depend on.
//!
//! - **States**: a new NAT gateway or VPC endpoint is `pending`, an Aurora cluster or instance
//!   `creating`, a load balancer `provisioning` for a while; a deleted NAT gateway is `deleting`,
//!   a deleted ECS service `DRAINING`.
//! - **What a deleting resource still holds**: while a NAT gateway, VPC endpoint, Aurora cluster
//!   or instance, load balancer or ECS service is being deleted, its network interfaces stay:
//!   deleting its subnets, security groups or VPC fails with `DependencyViolation`, releasing its
//!   Elastic IP with `InvalidIPAddress.InUse`, detaching the internet gateway of a VPC with a
//!   public address with `DependencyViolation`, deleting the DB subnet group with
//!   `InvalidDBSubnetGroupStateFault`, the ECS cluster with `ClusterContainsServicesException`,
//!   the service's Cloud Map service with `ResourceInUse`.
//! - **IAM propagation**: a role created moments ago is not yet known to the services that check
//!   a principal or assume the role when called ([`PROPAGATION`]).
//! - **EC2's eventual consistency**: the first request naming an id created moments ago answers
//!   that it does not exist.
//! - **What AWS never accepts** and the emulator does: an Aurora instance of a class Aurora
//!   does not offer.
//!
//! Durations are scaled down (seconds, not AWS's minutes). Each behaviour also lasts until the
//! client has met it once, however slow the client is (a handshake, not a clock): a state until
//! a describe has shown it, a hold until a delete has been refused or the deletion shown, a new
//! role until a call naming it has been refused, a new id for the next
//! [`CONSISTENCY_REQUESTS`] requests. So what a test asserts the client met does not depend on
//! the machine's speed. A zero duration turns its behaviour off. docs/aws-realism.md says what
//! each models, from which AWS documentation, and what is not modelled.

pub mod rewrite;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::request::Request;
use rewrite::{ecs_service_states, tag_value, xml_states};

/// How long each behaviour lasts.
#[derive(Debug, Clone, Copy)]
pub struct Durations {
    /// A new resource's first state (AWS: NAT gateway and endpoints a few minutes, load
    /// balancers a few minutes, Aurora 5–15 minutes).
    pub creating: Duration,
    /// A deleted resource's last state, and what it holds meanwhile (AWS: NAT gateway about a
    /// minute, Aurora minutes, a load balancer's or service's network interfaces minutes).
    pub deleting: Duration,
    /// A new IAM role unknown to other services (AWS: usually seconds).
    pub propagation: Duration,
    /// A new EC2 id unknown to the first request naming it (AWS: usually under a second).
    pub consistency: Duration,
}

impl Durations {
    /// Every behaviour on one time scale: states last `unit`, propagation half of it,
    /// consistency a quarter.
    pub fn scaled(unit: Duration) -> Self {
        Self {
            creating: unit,
            deleting: unit,
            propagation: unit / 2,
            consistency: unit / 4,
        }
    }
}

/// The resources whose states the proxy plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    NatGateway,
    VpcEndpoint,
    DbCluster,
    DbInstance,
    LoadBalancer,
    EcsService,
}

impl Sort {
    /// The state AWS shows while it is being created and while it is being deleted (`None`:
    /// the emulator's answer is AWS's).
    fn shown(self) -> (Option<&'static str>, Option<&'static str>) {
        match self {
            Sort::NatGateway => (Some("pending"), Some("deleting")),
            Sort::VpcEndpoint => (Some("pending"), Some("deleting")),
            Sort::DbCluster | Sort::DbInstance => (Some("creating"), Some("deleting")),
            // Gone from describes at once; its network interfaces linger.
            Sort::LoadBalancer => (Some("provisioning"), None),
            Sort::EcsService => (None, Some("DRAINING")),
        }
    }
}

/// A resource the proxy saw created.
#[derive(Debug)]
struct Tracked {
    sort: Sort,
    /// What it uses, as requests name it: subnets, security groups, VPC, Elastic IP, DB subnet
    /// group, ECS cluster name, Cloud Map service id.
    uses: Vec<String>,
    /// It has a public address in its VPC (the internet gateway cannot be detached meanwhile).
    public: bool,
    created: Instant,
    deleted: Option<Instant>,
    /// A describe has shown its creating state (it lasts at least until then).
    creating_shown: bool,
    /// A describe has shown its deleting state (what it holds is held at least until then, or
    /// until a delete of it has been refused).
    deleting_shown: bool,
    /// What it uses that a delete was refused for while it was being deleted.
    refused_for: BTreeSet<String>,
}

/// Whether a behaviour that began at `since` still lasts at `now`: for its `duration`, and
/// beyond it until the client has `met` it; never when the duration is zero (turned off).
fn lasts(duration: Duration, since: Instant, now: Instant, met: bool) -> bool {
    !duration.is_zero() && (now < since + duration || !met)
}

impl Tracked {
    fn new(sort: Sort, uses: Vec<String>, public: bool, created: Instant) -> Self {
        Self {
            sort,
            uses,
            public,
            created,
            deleted: None,
            creating_shown: false,
            deleting_shown: false,
            refused_for: BTreeSet::new(),
        }
    }

    /// Whether its deletion still holds `named`: for the deleting time, and at least until the
    /// client has met the hold (a refused delete of `named`, or the deletion shown).
    fn holds(&self, named: &str, durations: &Durations, now: Instant) -> bool {
        let Some(at) = self.deleted else {
            return false;
        };
        let met = self.deleting_shown || self.refused_for.contains(named);
        lasts(durations.deleting, at, now, met)
    }

    /// The state a describe shows now (`None`: the emulator's answer is AWS's).
    fn state(&self, durations: &Durations, now: Instant) -> Option<&'static str> {
        let (creating, deleting) = self.sort.shown();
        match self.deleted {
            Some(at) if lasts(durations.deleting, at, now, self.deleting_shown) => deleting,
            Some(_) => None,
            None if lasts(durations.creating, self.created, now, self.creating_shown) => creating,
            None => None,
        }
    }

    /// A describe showed `state`: the client has met it.
    fn shown(&mut self, state: &str) {
        let (creating, deleting) = self.sort.shown();
        match self.deleted {
            Some(_) if deleting == Some(state) => self.deleting_shown = true,
            None if creating == Some(state) => self.creating_shown = true,
            _ => {}
        }
    }
}

/// A new EC2 id stays unknown to the first request naming it among this many requests after
/// its create, whatever the time (and to one within the consistency time).
pub const CONSISTENCY_REQUESTS: u64 = 8;

/// A new EC2 id not yet named by a request.
#[derive(Debug)]
struct Fresh {
    created: Instant,
    /// The request count at its create.
    at_request: u64,
}

/// A new IAM role.
#[derive(Debug)]
struct NewRole {
    arn: String,
    created: Instant,
    /// A call naming it has been refused (it is unknown at least until then).
    refused: bool,
}

/// What the proxy remembers, and plays.
#[derive(Debug)]
pub struct Realism {
    durations: Durations,
    tracked: Mutex<BTreeMap<String, Tracked>>,
    /// IAM roles created through the proxy.
    roles: Mutex<Vec<NewRole>>,
    /// EC2 ids created and not yet named by a request.
    fresh: Mutex<BTreeMap<String, Fresh>>,
    /// Requests seen so far.
    requests: AtomicU64,
}

/// The error AWS answers instead, when a request must fail.
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

/// Operations that check a principal or assume a role when called, and what they answer while
/// a role they name is not yet known to them (IAM User Guide, "Changes that I make are not
/// always immediately visible"; the messages are the services' own).
pub const PROPAGATION: [(&str, &str, &str); 5] = [
    (
        "kms:CreateKey",
        "MalformedPolicyDocumentException",
        "Policy contains a statement with one or more invalid principals.",
    ),
    (
        "kms:PutKeyPolicy",
        "MalformedPolicyDocumentException",
        "Policy contains a statement with one or more invalid principals.",
    ),
    (
        "s3:PutBucketPolicy",
        "MalformedPolicy",
        "Invalid principal in policy",
    ),
    (
        "ecs:CreateService",
        "InvalidParameterException",
        "Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.",
    ),
    (
        "application-autoscaling:RegisterScalableTarget",
        "ValidationException",
        "Unable to assume IAM role",
    ),
];

/// The id each EC2 create answers with, by operation.
const EC2_CREATED: [(&str, &str); 9] = [
    ("ec2:CreateVpc", "vpcId"),
    ("ec2:CreateSubnet", "subnetId"),
    ("ec2:CreateSecurityGroup", "groupId"),
    ("ec2:CreateRouteTable", "routeTableId"),
    ("ec2:CreateInternetGateway", "internetGatewayId"),
    ("ec2:CreateNatGateway", "natGatewayId"),
    ("ec2:AllocateAddress", "allocationId"),
    ("ec2:CreateVpcEndpoint", "vpcEndpointId"),
    ("ec2:CreateVpcPeeringConnection", "vpcPeeringConnectionId"),
];

/// EC2's "does not exist" code for an id, by its prefix.
fn not_found_code(id: &str) -> &'static str {
    match id.split('-').next().unwrap_or("") {
        "vpc" => "InvalidVpcID.NotFound",
        "subnet" => "InvalidSubnetID.NotFound",
        "sg" => "InvalidGroup.NotFound",
        "rtb" => "InvalidRouteTableID.NotFound",
        "igw" => "InvalidInternetGatewayID.NotFound",
        "nat" => "NatGatewayNotFound",
        "eipalloc" => "InvalidAllocationID.NotFound",
        "vpce" => "InvalidVpcEndpointId.NotFound",
        _ => "InvalidVpcPeeringConnectionID.NotFound",
    }
}

/// The form values of a request that are EC2 ids of what a resource uses.
fn ids_used(request: &Request) -> Vec<String> {
    let prefixes = ["subnet-", "sg-", "vpc-", "eipalloc-"];
    (request.form_values().into_iter())
        .filter(|value| prefixes.iter().any(|p| value.starts_with(p)))
        .collect()
}

/// What AWS never accepts and the emulator does: an Aurora instance of a class Aurora does not
/// offer (Aurora User Guide, "Supported DB engines for DB instance classes": Serverless v2, the
/// memory-optimized R and X families and the burstable T family; no M classes).
fn unsupported(operation: &str, request: &Request) -> Option<Refusal> {
    if operation != "rds:CreateDBInstance" {
        return None;
    }
    let engine = request.form("Engine").unwrap_or_default();
    let class = request.form("DBInstanceClass").unwrap_or_default();
    let aurora_classes = ["db.serverless", "db.r", "db.x", "db.t"];
    let offered = aurora_classes
        .iter()
        .any(|family| class.starts_with(family));
    (engine.starts_with("aurora") && !offered).then(|| Refusal {
        code: "InvalidParameterCombination",
        message: format!(
            "RDS does not support creating a DB instance with the following combination: DBInstanceClass={class}, Engine={engine}"
        ),
    })
}

/// The last segment of a name or ARN (`arn:…:cluster/web` → `web`).
fn last_segment(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

impl Realism {
    pub fn new(durations: Durations) -> Self {
        Self {
            durations,
            tracked: Mutex::default(),
            roles: Mutex::default(),
            fresh: Mutex::default(),
            requests: AtomicU64::new(0),
        }
    }

    /// A request AWS would refuse now, given what is in flight.
    pub fn refuse(&self, operation: &str, request: &Request) -> Option<Refusal> {
        let now = Instant::now();
        self.requests.fetch_add(1, Ordering::SeqCst);
        unsupported(operation, request)
            .or_else(|| self.not_visible_yet(operation, request, now))
            .or_else(|| self.not_propagated(operation, request, now))
            .or_else(|| self.held(operation, request, now))
    }

    /// The first request naming a new EC2 id (other than a delete) does not find it.
    fn not_visible_yet(&self, operation: &str, request: &Request, now: Instant) -> Option<Refusal> {
        let action = operation.strip_prefix("ec2:")?;
        let teardown = ["Delete", "Release", "Detach", "Disassociate", "Revoke"];
        if teardown.iter().any(|verb| action.starts_with(verb)) {
            return None;
        }
        let window = self.durations.consistency;
        let requests = self.requests.load(Ordering::SeqCst);
        let mut fresh = self.fresh.lock().unwrap();
        fresh.retain(|_, new| {
            let met = requests > new.at_request + CONSISTENCY_REQUESTS;
            lasts(window, new.created, now, met)
        });
        // A filter naming it answers an empty list on AWS, not an error: not modelled.
        let id = (request.form_pairs())
            .filter(|(key, _)| !key.starts_with("Filter."))
            .map(|(_, value)| value)
            .find(|value| fresh.contains_key(value))?;
        fresh.remove(&id);
        Some(Refusal {
            code: not_found_code(&id),
            message: format!("The ID '{id}' does not exist"),
        })
    }

    /// A call that checks a principal or assumes a role, naming a role created moments ago.
    fn not_propagated(&self, operation: &str, request: &Request, now: Instant) -> Option<Refusal> {
        let (_, code, message) = PROPAGATION.iter().find(|(op, _, _)| *op == operation)?;
        let body = String::from_utf8_lossy(&request.body);
        let values = request.form_values();
        let window = self.durations.propagation;
        let mut roles = self.roles.lock().unwrap();
        let unknown = roles
            .iter_mut()
            .filter(|role| lasts(window, role.created, now, role.refused));
        let mut named = false;
        for role in unknown {
            let arn = role.arn.as_str();
            if body.contains(arn) || values.iter().any(|v| v.contains(arn)) {
                role.refused = true;
                named = true;
            }
        }
        named.then(|| Refusal {
            code,
            message: message.to_string(),
        })
    }

    /// A delete of something a deleting resource still holds.
    fn held(&self, operation: &str, request: &Request, now: Instant) -> Option<Refusal> {
        let (named, code) = match operation {
            "ec2:ReleaseAddress" => (request.form("AllocationId"), "InvalidIPAddress.InUse"),
            "ec2:DeleteSubnet" => (request.form("SubnetId"), "DependencyViolation"),
            "ec2:DeleteSecurityGroup" => (request.form("GroupId"), "DependencyViolation"),
            "ec2:DeleteVpc" | "ec2:DetachInternetGateway" => {
                (request.form("VpcId"), "DependencyViolation")
            }
            "rds:DeleteDBSubnetGroup" => (
                request.form("DBSubnetGroupName"),
                "InvalidDBSubnetGroupStateFault",
            ),
            "ecs:DeleteCluster" => (
                (request.json_string("cluster")).map(|c| last_segment(&c).to_string()),
                "ClusterContainsServicesException",
            ),
            "servicediscovery:DeleteService" => (request.json_string("Id"), "ResourceInUse"),
            _ => return None,
        };
        let named = named?;
        let mut tracked = self.tracked.lock().unwrap();
        let (id, holder) = tracked.iter_mut().find(|(_, t)| {
            t.holds(&named, &self.durations, now)
                && t.uses.contains(&named)
                && (operation != "ec2:DetachInternetGateway" || t.public)
        })?;
        holder.refused_for.insert(named.clone());
        Some(Refusal {
            code,
            message: format!("{named} is in use by {id}, which is still being deleted"),
        })
    }

    /// Learns from a forwarded request and its answer; returns the answer as AWS would give it.
    pub fn observe(&self, operation: &str, request: &Request, answer: Vec<u8>) -> Vec<u8> {
        let now = Instant::now();
        let status = answer.split(|b| *b == b' ').nth(1).unwrap_or_default();
        if !status.starts_with(b"2") {
            return answer;
        }
        if let Some((_, tag)) = EC2_CREATED.iter().find(|(op, _)| *op == operation)
            && let Some(id) = tag_value(&answer, tag)
        {
            let at_request = self.requests.load(Ordering::SeqCst);
            let new = Fresh {
                created: now,
                at_request,
            };
            self.fresh.lock().unwrap().insert(id, new);
        }
        if operation == "iam:CreateRole"
            && let Some(arn) = tag_value(&answer, "Arn")
        {
            let role = NewRole {
                arn,
                created: now,
                refused: false,
            };
            self.roles.lock().unwrap().push(role);
        }
        self.learn(operation, request, &answer, now);
        self.as_shown(operation, answer, now)
    }

    /// Tracks what a create made and marks what a delete removed.
    fn learn(&self, operation: &str, request: &Request, answer: &[u8], now: Instant) {
        let mut tracked = self.tracked.lock().unwrap();
        let mut track = |sort, id: Option<String>, uses: Vec<String>, public| {
            if let Some(id) = id {
                tracked.insert(id, Tracked::new(sort, uses, public, now));
            }
        };
        let vpc = tag_value(answer, "vpcId").or_else(|| tag_value(answer, "VpcId"));
        let with_vpc = |mut uses: Vec<String>| {
            uses.extend(vpc.clone());
            uses
        };
        match operation {
            "ec2:CreateNatGateway" => track(
                Sort::NatGateway,
                tag_value(answer, "natGatewayId"),
                with_vpc(ids_used(request)),
                true,
            ),
            "ec2:CreateVpcEndpoint" => track(
                Sort::VpcEndpoint,
                tag_value(answer, "vpcEndpointId"),
                ids_used(request),
                false,
            ),
            "rds:CreateDBCluster" | "rds:CreateDBInstance" => {
                let (sort, tag) = match operation {
                    "rds:CreateDBCluster" => (Sort::DbCluster, "DBClusterIdentifier"),
                    _ => (Sort::DbInstance, "DBInstanceIdentifier"),
                };
                let mut uses = ids_used(request);
                uses.extend(request.form("DBSubnetGroupName"));
                track(sort, tag_value(answer, tag), uses, false)
            }
            "elasticloadbalancing:CreateLoadBalancer" => track(
                Sort::LoadBalancer,
                tag_value(answer, "LoadBalancerArn"),
                with_vpc(ids_used(request)),
                request.form("Scheme").as_deref() != Some("internal"),
            ),
            "ecs:CreateService" => {
                let body: serde_json::Value =
                    serde_json::from_slice(&request.body).unwrap_or_default();
                let network = &body["networkConfiguration"]["awsvpcConfiguration"];
                let strings = |value: &serde_json::Value| -> Vec<String> {
                    (value.as_array().into_iter().flatten())
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                };
                let mut uses = strings(&network["subnets"]);
                uses.extend(strings(&network["securityGroups"]));
                uses.push(last_segment(body["cluster"].as_str().unwrap_or("default")).into());
                let registries = body["serviceRegistries"].as_array().into_iter().flatten();
                uses.extend(registries.filter_map(|r| {
                    r["registryArn"]
                        .as_str()
                        .map(|a| last_segment(a).to_string())
                }));
                let arn = serde_json::from_slice::<serde_json::Value>(answer_body(answer))
                    .ok()
                    .and_then(|a| a["service"]["serviceArn"].as_str().map(str::to_string));
                track(Sort::EcsService, arn, uses, false)
            }
            _ => {
                let deleted: Vec<String> = match operation {
                    "ec2:DeleteNatGateway" => request.form("NatGatewayId").into_iter().collect(),
                    "ec2:DeleteVpcEndpoints" => (request.form_values().into_iter())
                        .filter(|v| v.starts_with("vpce-"))
                        .collect(),
                    "rds:DeleteDBCluster" => {
                        request.form("DBClusterIdentifier").into_iter().collect()
                    }
                    "rds:DeleteDBInstance" => {
                        request.form("DBInstanceIdentifier").into_iter().collect()
                    }
                    "elasticloadbalancing:DeleteLoadBalancer" => {
                        request.form("LoadBalancerArn").into_iter().collect()
                    }
                    "ecs:DeleteService" => {
                        let service = request.json_string("service").unwrap_or_default();
                        let cluster = request.json_string("cluster");
                        let cluster = last_segment(cluster.as_deref().unwrap_or("default"));
                        let suffix = format!("/{cluster}/{}", last_segment(&service));
                        (tracked.keys())
                            .filter(|arn| **arn == service || arn.ends_with(&suffix))
                            .cloned()
                            .collect()
                    }
                    _ => Vec::new(),
                };
                for id in deleted {
                    if let Some(t) = tracked.get_mut(&id) {
                        t.deleted.get_or_insert(now);
                    }
                }
            }
        }
    }

    /// The answer with the states AWS would show now; a describe that shows a state marks it
    /// met (a create's own answer does not: the client has not looked yet).
    fn as_shown(&self, operation: &str, answer: Vec<u8>, now: Instant) -> Vec<u8> {
        let mut tracked = self.tracked.lock().unwrap();
        let describe = operation.contains(":Describe");
        let state_of = |id: &str| {
            let t = tracked.get_mut(id)?;
            let state = t.state(&self.durations, now)?;
            if describe {
                t.shown(state);
            }
            Some(state)
        };
        match operation {
            "ec2:CreateNatGateway" | "ec2:DescribeNatGateways" => {
                xml_states(&answer, "natGatewayId", "state", state_of)
            }
            "ec2:CreateVpcEndpoint" | "ec2:DescribeVpcEndpoints" => {
                xml_states(&answer, "vpcEndpointId", "state", state_of)
            }
            "rds:CreateDBCluster" | "rds:DescribeDBClusters" => {
                xml_states(&answer, "DBClusterIdentifier", "Status", state_of)
            }
            "rds:CreateDBInstance" | "rds:DescribeDBInstances" => xml_states(
                &answer,
                "DBInstanceIdentifier",
                "DBInstanceStatus",
                state_of,
            ),
            "elasticloadbalancing:CreateLoadBalancer"
            | "elasticloadbalancing:DescribeLoadBalancers" => {
                xml_states(&answer, "LoadBalancerArn", "Code", state_of)
            }
            "ecs:DeleteService" | "ecs:DescribeServices" => ecs_service_states(&answer, state_of),
            _ => answer,
        }
    }
}

/// The body of an answer (after the head).
fn answer_body(answer: &[u8]) -> &[u8] {
    let at = answer.windows(4).position(|w| w == b"\r\n\r\n");
    at.map_or(answer, |at| &answer[at + 4..])
}
