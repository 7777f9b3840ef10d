//! One request off the wire, and the AWS operation it asks for.
//!
//! The operation is named `service:Operation` as the collector's request table names it: the
//! signing service from the SigV4 `Authorization` header, the operation from `X-Amz-Target`, the
//! Query protocol's `Action`, or S3's and Backup's method and path.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

/// One request as read off the wire.
pub struct Request {
    pub head: String,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    /// A Query-protocol parameter of the body (`SubnetId=subnet-1&…`), decoded.
    pub fn form(&self, key: &str) -> Option<String> {
        self.form_pairs().find_map(|(k, v)| (k == key).then_some(v))
    }

    /// Every decoded value of the body's Query-protocol parameters.
    pub fn form_values(&self) -> Vec<String> {
        self.form_pairs().map(|(_, value)| value).collect()
    }

    /// Every decoded `(key, value)` of the body's Query-protocol parameters.
    pub fn form_pairs(&self) -> impl Iterator<Item = (String, String)> + '_ {
        form_urlencoded::parse(&self.body).map(|(k, v)| (k.into_owned(), v.into_owned()))
    }

    /// A top-level string of a JSON-protocol body (`"cluster": "…"`).
    pub fn json_string(&self, key: &str) -> Option<String> {
        let body: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        body.get(key)?.as_str().map(str::to_string)
    }

    pub fn method_and_target(&self) -> (&str, &str) {
        let mut first = self.head.lines().next().unwrap_or("").split(' ');
        (first.next().unwrap_or(""), first.next().unwrap_or("/"))
    }

    /// The SigV4 signing service (`ec2`, `monitoring` …).
    pub fn signing_service(&self) -> &str {
        self.header("authorization")
            .and_then(|auth| auth.split("Credential=").nth(1))
            .and_then(|credential| credential.split('/').nth(3))
            .unwrap_or("unknown")
    }

    /// `service:Operation` as the collector's request table names it.
    pub fn operation(&self) -> String {
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

/// Reads one request (head and `Content-Length` body); `None` when the client closed.
pub fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
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
