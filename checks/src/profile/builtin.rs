//! The profiles shipped inside the binary: the security baseline and one per seed scenario
//! (and environment), so the tool works without this repository's checkout.

/// (name, TOML text), from `fixtures/profiles/`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "baseline",
        include_str!("../../../fixtures/profiles/baseline.toml"),
    ),
    (
        "transaction-processing",
        include_str!("../../../fixtures/profiles/transaction-processing.toml"),
    ),
    (
        "analytics-platform",
        include_str!("../../../fixtures/profiles/analytics-platform.toml"),
    ),
    (
        "blue-green",
        include_str!("../../../fixtures/profiles/blue-green.toml"),
    ),
    (
        "multi-environment",
        include_str!("../../../fixtures/profiles/multi-environment.toml"),
    ),
    (
        "multi-environment-prod",
        include_str!("../../../fixtures/profiles/multi-environment-prod.toml"),
    ),
    (
        "multi-environment-staging",
        include_str!("../../../fixtures/profiles/multi-environment-staging.toml"),
    ),
    (
        "multi-environment-dev",
        include_str!("../../../fixtures/profiles/multi-environment-dev.toml"),
    ),
    (
        "microservices",
        include_str!("../../../fixtures/profiles/microservices.toml"),
    ),
];

/// The built-in profile of that name.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, text)| *text)
}
