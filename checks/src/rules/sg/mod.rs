//! Security groups: internet exposure, breadth of rules, tiering between load balancer,
//! application and database.

pub mod sg_001_no_world_ingress_except_lb;
pub mod sg_002_no_all_protocol_ingress;
pub mod sg_003_no_full_port_range;
pub mod sg_004_database_only_from_application;
pub mod sg_005_application_only_from_groups;
pub mod sg_006_egress_as_profiled;
pub mod sg_007_rules_described;
pub mod sg_008_no_world_admin_ports;
pub mod sg_009_lb_ingress_matches_listeners;
pub mod sg_010_app_ingress_on_container_ports;

use crate::words::W;

/// One finding per group attached to something: its ingress rules must each be exactly one of
/// `ports` (what listens behind it), else they are unexplained exposure.
pub(crate) fn ingress_only_on_ports<'a>(
    groups: impl Iterator<Item = (&'a crate::inventory::SecurityGroup, Vec<i32>)>,
    what: &str,
) -> Vec<crate::result::Finding> {
    use crate::inventory::{Resource, SgRule};
    use crate::result::{Evidence, Finding};
    groups
        .map(|(group, ports)| {
            let extra: Vec<String> = group
                .ingress
                .iter()
                .filter(|r| !ports.iter().any(|p| r.port_range() == Some((*p, *p))))
                .map(SgRule::describe)
                .collect();
            Finding::unreadable(group, &[]).unwrap_or_else(|| {
                Finding::verdict(
                    group.reference(),
                    extra.is_empty(),
                    format!("{what} {ports} only", ports = W(&ports)),
                    format!(
                        "rules beyond {what} {ports}: {extra}",
                        ports = W(&ports),
                        extra = W(&extra)
                    ),
                )
                .with(Evidence::new(
                    "ingress",
                    &extra,
                    format!("only ports {ports}", ports = W(&ports)),
                    super::op::EC2_SECURITY_GROUPS,
                ))
            })
        })
        .collect()
}
