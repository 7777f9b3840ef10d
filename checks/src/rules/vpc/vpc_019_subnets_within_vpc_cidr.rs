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

use std::collections::HashMap;

use ipnet::Ipv4Net;

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let subnets = ctx.inventory.subnets();
    let vpc_blocks: HashMap<&str, Option<Ipv4Net>> = ctx
        .inventory
        .vpcs()
        .iter()
        .map(|v| (v.id.as_str(), v.cidr_block.parse().ok()))
        .collect();
    let blocks = SubnetBlocks::new(subnets);
    ctx.each(subnets, &[], |subnet| {
        let block: Option<Ipv4Net> = subnet.cidr_block.parse().ok();
        let vpc_block = vpc_blocks.get(subnet.vpc_id.as_str()).copied().flatten();
        let inside = matches!((block, vpc_block), (Some(b), Some(v)) if v.contains(&b));
        let overlaps = block.map_or_else(Vec::new, |b| blocks.overlapping(subnet, b));
        Finding::verdict(
            subnet.reference(),
            inside && overlaps.is_empty(),
            format!(
                "{} inside {vpc_block}",
                subnet.cidr_block,
                vpc_block = W(&vpc_block.map(|b| b.to_string()))
            ),
            format!(
                "{} (inside VPC: {inside}, overlaps {overlaps})",
                subnet.cidr_block,
                overlaps = W(&overlaps)
            ),
        )
        .with(Evidence::new(
            "cidr_block",
            &subnet.cidr_block,
            format!(
                "inside {vpc_block}, no overlap",
                vpc_block = W(&vpc_block.map(|b| b.to_string()))
            ),
            op::EC2_SUBNETS,
        ))
    })
}

/// The subnets' blocks per VPC, sorted, so overlaps are found by search rather than by comparing
/// every pair: CIDR blocks either nest or are disjoint, so a block overlaps the blocks inside it
/// (a contiguous run of the sorted list) and its supernets (at most 32, looked up by value).
struct SubnetBlocks<'a> {
    sorted: HashMap<&'a str, Vec<(Ipv4Net, &'a str)>>,
}

impl<'a> SubnetBlocks<'a> {
    fn new(subnets: &'a [Subnet]) -> Self {
        let mut sorted: HashMap<&str, Vec<(Ipv4Net, &str)>> = HashMap::new();
        for subnet in subnets {
            if let Ok(block) = subnet.cidr_block.parse::<Ipv4Net>() {
                sorted
                    .entry(subnet.vpc_id.as_str())
                    .or_default()
                    .push((block.trunc(), subnet.id.as_str()));
            }
        }
        sorted.values_mut().for_each(|blocks| blocks.sort());
        Self { sorted }
    }

    /// The other subnets of the same VPC whose block overlaps `block`.
    fn overlapping(&self, subnet: &Subnet, block: Ipv4Net) -> Vec<&'a str> {
        let Some(blocks) = self.sorted.get(subnet.vpc_id.as_str()) else {
            return Vec::new();
        };
        let block = block.trunc();
        let supernets = (0..block.prefix_len())
            .filter_map(|len| Ipv4Net::new(block.network(), len).ok().map(|n| n.trunc()));
        let mut found: Vec<&str> = Vec::new();
        for supernet in supernets {
            let start = blocks.partition_point(|(b, _)| *b < supernet);
            found.extend(
                blocks[start..]
                    .iter()
                    .take_while(|(b, _)| *b == supernet)
                    .map(|(_, id)| *id),
            );
        }
        let start = blocks.partition_point(|(b, _)| b.network() < block.network());
        found.extend(
            blocks[start..]
                .iter()
                .take_while(|(b, _)| block.contains(&b.network()))
                .map(|(_, id)| *id),
        );
        found.retain(|id| *id != subnet.id);
        found.sort_unstable();
        found.dedup();
        found
    }
}
