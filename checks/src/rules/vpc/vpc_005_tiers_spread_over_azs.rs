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
    let mut tiers: BTreeMap<(&str, String), BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for subnet in ctx.inventory.subnets() {
        let tier = tier_label(ctx, subnet);
        (tiers.entry((subnet.vpc_id.as_str(), tier)).or_default())
            .entry(subnet.availability_zone.as_str())
            .or_default()
            .push(subnet.id.as_str());
    }
    let several_vpcs = tiers
        .keys()
        .map(|(vpc, _)| vpc)
        .collect::<BTreeSet<_>>()
        .len()
        > 1;
    tiers
        .into_iter()
        .map(|((vpc, tier), by_zone)| {
            let doubled: Vec<_> = by_zone.iter().filter(|(_, ids)| ids.len() > 1).collect();
            let id = if several_vpcs {
                format!("{vpc}/{tier}")
            } else {
                tier.clone()
            };
            Finding::verdict(
                ResourceRef::new("subnet-tier", &id),
                doubled.is_empty(),
                "one subnet per zone",
                format!(
                    "zones holding several {tier} subnets: {doubled}",
                    doubled = W(&doubled)
                ),
            )
            .with(Evidence::new(
                "availability_zone → subnets",
                &by_zone,
                "one subnet per zone",
                op::EC2_SUBNETS,
            ))
        })
        .collect()
}

/// The tier a subnet belongs to: the CDK subnet group (`aws-cdk:subnet-name`), a `Tier` tag, or
/// its Name with the zone, the environment suffix and numbering taken out (`app-private-us-east-1a`
/// and `app-private-us-east-1b` are one tier; `app-db-1` another); public or private by its
/// routes when it carries none of these. Several tiers in one zone are a layout, not a doubling.
fn tier_label(ctx: &Context, subnet: &Subnet) -> String {
    let tagged = ["aws-cdk:subnet-name", "Tier", "tier"]
        .iter()
        .find_map(|key| subnet.tags.get(*key))
        .map(|value| value.to_ascii_lowercase());
    tagged
        .or_else(|| {
            subnet
                .tags
                .get("Name")
                .and_then(|name| name_without_zone(ctx, subnet, name))
        })
        .unwrap_or_else(|| ctx.subnet_tier(subnet).as_str().to_string())
}

fn name_without_zone(ctx: &Context, subnet: &Subnet, name: &str) -> Option<String> {
    let name = ctx.base_name(name).to_ascii_lowercase();
    let zone = subnet.availability_zone.to_ascii_lowercase();
    let letter = zone.chars().last().filter(char::is_ascii_lowercase);
    let name = name.replace(&zone, "");
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(|word| word.trim_end_matches(|c: char| c.is_ascii_digit()))
        .map(|word| word.trim_start_matches(|c: char| c.is_ascii_digit()))
        .filter(|word| !word.is_empty())
        .filter(|word| !(word.len() == 1 && word.chars().next() == letter))
        .filter(|word| !(word.starts_with("az") && word.len() <= 3))
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}
