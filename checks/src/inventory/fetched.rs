//! The error contract between collector and checks: the attributes the collector reads with a
//! call of their own, by kind. Only these (and `*`, the whole resource) can carry a fetch error;
//! only these can a check guard with `Context::each`. Both sides assert against this one table
//! in debug builds, so a guard without a producer, or a failure recorded under a name no check
//! can guard, fails the tests that reach it (checks' fixtures, tests/faults.rs).

/// (kind, attributes fetched separately).
pub const FETCHED: &[(&str, &[&str])] = &[
    (
        "s3-bucket",
        &[
            "encryption",
            "versioning",
            "public_access_block",
            "lifecycle_rules",
            "policy",
            "object_ownership",
            "logging_target",
            "tags",
        ],
    ),
    ("iam-role", &["inline_policies", "attached_policies"]),
    (
        "kms-key",
        &["rotation_enabled", "aliases", "policy", "tags"],
    ),
    (
        "load-balancer",
        &["attributes", "listeners", "target_groups", "tags"],
    ),
    ("target-group", &["attributes", "tags"]),
    ("listener", &["rules"]),
    ("ecs-cluster", &["services"]),
    ("db-cluster", &["members", "subnet_ids"]),
    ("cloud-map-namespace", &["services"]),
    ("scalable-target", &["policies"]),
    ("ecr-repository", &["lifecycle_policy", "tags"]),
    ("log-group", &["tags"]),
    ("sns-topic", &["tags"]),
];

/// Attributes a collection for `profile` need not read: no check the profile enables reads
/// them, and each costs a request per resource. Only log group tags so far (STACK-004 reads
/// them, and only when `stack.required_tags` is set).
pub fn unneeded_reads(profile: &crate::profile::Profile) -> Vec<String> {
    let mut unneeded = Vec::new();
    if profile.stack.required_tags.is_none() {
        unneeded.push("log-group.tags".to_string());
    }
    unneeded
}

/// The error a check reports for an attribute the collection did not read (see
/// [`unneeded_reads`]).
pub fn not_read_error(kind: &str, attribute: &str) -> super::FetchError {
    super::FetchError {
        operation: format!("{kind}.{attribute}"),
        message: "not read: the collection's profile needed no check of it; collect again with this profile".into(),
    }
}

/// Whether `attribute` of `kind` can carry a fetch error (`*` always can).
pub fn is_fetched(kind: &str, attribute: &str) -> bool {
    attribute == "*"
        || FETCHED
            .iter()
            .any(|(k, attributes)| *k == kind && attributes.contains(&attribute))
}
