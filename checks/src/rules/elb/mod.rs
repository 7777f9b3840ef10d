//! Elastic Load Balancing v2: exposure, TLS, resilience, health checks, traffic weights.

pub mod elb_001_scheme_as_profiled;
pub mod elb_002_ip_address_type_as_profiled;
pub mod elb_003_internet_facing_in_public_subnets;
pub mod elb_004_multiple_azs;
pub mod elb_005_cross_zone;
pub mod elb_006_drop_invalid_headers;
pub mod elb_007_access_logs;
pub mod elb_008_deletion_protection_as_profiled;
pub mod elb_009_desync_mitigation;
pub mod elb_010_https_as_profiled;
pub mod elb_011_tls_policy;
pub mod elb_012_listener_ports_as_profiled;
pub mod elb_013_health_check_interval;
pub mod elb_014_health_check_thresholds;
pub mod elb_015_health_check_enabled;
pub mod elb_016_forward_weights_as_profiled;
pub mod elb_017_target_groups_served;

use crate::context::Context;
use crate::inventory::{LoadBalancer, Resource};
use crate::result::{Evidence, Finding};
use crate::words::W;

/// Judges one attribute of each load balancer (`DescribeLoadBalancerAttributes`): `ok` decides
/// on the value as the API spells it (absent when the load balancer does not report it),
/// `expected` says what passes.
pub(super) fn attribute_verdicts<'a>(
    ctx: &Context<'a>,
    load_balancers: impl IntoIterator<Item = &'a LoadBalancer>,
    key: &str,
    ok: impl Fn(Option<&str>) -> bool,
    expected: &str,
) -> Vec<Finding> {
    ctx.each(load_balancers, &["attributes"], |lb| {
        let value = lb.attributes.get(key).map(String::as_str);
        Finding::verdict(
            lb.reference(),
            ok(value),
            format!("{key} = {}", W(&value)),
            format!("{key} = {}, expected {expected}", W(&value)),
        )
        .with(Evidence::new(
            format!("attributes.{key}"),
            value,
            expected,
            super::op::ELB_ATTRIBUTES,
        ))
    })
}
