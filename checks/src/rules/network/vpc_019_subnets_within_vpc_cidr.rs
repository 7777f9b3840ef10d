use super::super::prelude::*;

declare_check! {
    /// Overlapping or out-of-range subnet blocks are a plan error that breaks peering and routing
    /// later; address plans are part of the network spec.
    ///
    /// # Remediation
    /// Recreate the subnet with a block inside the VPC's CIDR that no other subnet uses.
    CHECK {
        id: "VPC-019",
        title: "Subnets lie inside their VPC's CIDR and do not overlap",
        severity: Medium,
        references: [Seed("000", "VPC CIDR must be 10.0.0.0/16 with exactly 4 subnets (2 public, 2 private)")],
        params: [],
        evaluate: evaluate,
    }
}

use ipnet::Ipv4Net;

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let subnets = &ctx.inventory.subnets;
    ctx.each(subnets, &[], |subnet| {
        let block: Option<Ipv4Net> = subnet.cidr_block.parse().ok();
        let vpc_block: Option<Ipv4Net> = ctx
            .inventory
            .vpcs
            .iter()
            .find(|v| v.id == subnet.vpc_id)
            .and_then(|v| v.cidr_block.parse().ok());
        let inside = matches!((block, vpc_block), (Some(b), Some(v)) if v.contains(&b));
        let overlaps: Vec<&str> = subnets
            .iter()
            .filter(|other| other.id != subnet.id && other.vpc_id == subnet.vpc_id)
            .filter(|other| {
                let other: Option<Ipv4Net> = other.cidr_block.parse().ok();
                matches!((block, other), (Some(a), Some(b)) if a.contains(&b) || b.contains(&a))
            })
            .map(|other| other.id.as_str())
            .collect();
        Finding::verdict(
            subnet.reference(),
            inside && overlaps.is_empty(),
            format!("{} inside {vpc_block:?}", subnet.cidr_block),
            format!(
                "{} (inside VPC: {inside}, overlaps {overlaps:?})",
                subnet.cidr_block
            ),
        )
        .with(Evidence::new(
            "cidr_block",
            &subnet.cidr_block,
            format!("inside {vpc_block:?}, no overlap"),
            op::EC2_SUBNETS,
        ))
    })
}
