use std::collections::BTreeMap;

use super::super::prelude::*;

declare_check! {
    /// Two subnets of one tier in the same zone give no resilience: a zone outage takes both.
    /// Each tier's subnets should sit in distinct availability zones.
    ///
    /// # Remediation
    /// Recreate the doubled-up subnet in an availability zone the tier does not use yet.
    CHECK {
        id: "VPC-005",
        title: "Each subnet tier is spread over distinct availability zones",
        severity: Medium,
        references: [Seed("000", "public and private subnets across two availability zones"), Seed("002", "Set up VPC with 3 private subnets and 3 public subnets across 3 AZs"), PciDss4("12.10.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for tier in [SubnetTier::Public, SubnetTier::Private] {
        let mut by_zone: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for subnet in ctx.subnets_in(tier) {
            by_zone
                .entry(subnet.availability_zone.as_str())
                .or_default()
                .push(subnet.id.as_str());
        }
        if by_zone.is_empty() {
            continue;
        }
        let doubled: Vec<_> = by_zone.iter().filter(|(_, ids)| ids.len() > 1).collect();
        let resource = ResourceRef::new("subnet-tier", tier.as_str());
        findings.push(
            Finding::verdict(
                resource,
                doubled.is_empty(),
                "one subnet per zone",
                format!(
                    "zones holding several {} subnets: {doubled}",
                    tier.as_str(),
                    doubled = W(&doubled)
                ),
            )
            .with(Evidence::new(
                "availability_zone → subnets",
                &by_zone,
                "one subnet per zone",
                op::EC2_SUBNETS,
            )),
        );
    }
    findings
}
