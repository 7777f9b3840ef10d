use super::super::prelude::*;

declare_check! {
    /// Without cross-zone balancing each zone's targets take that zone's share of traffic however
    /// few of them are healthy. An application load balancer always balances across zones; a
    /// target group can turn it off for itself. A network or gateway load balancer has it off
    /// unless its own attribute turns it on, and its target groups inherit that or override it.
    ///
    /// # Remediation
    /// `aws elbv2 modify-target-group-attributes --attributes Key=load_balancing.cross_zone.enabled,Value=use_load_balancer_configuration`
    /// (and, behind a network load balancer, `modify-load-balancer-attributes … Value=true`).
    CHECK {
        id: "ELB-005",
        title: "Cross-zone load balancing is on",
        severity: Low,
        references: [Seed("004", "Cross-zone load balancing enabled")],
        params: [],
        evaluate: evaluate,
    }
}

const CROSS_ZONE: &str = "load_balancing.cross_zone.enabled";

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let served =
        (ctx.inventory.target_groups().iter()).filter(|g| !g.load_balancer_arns.is_empty());
    ctx.each(served, &["attributes"], |group| {
        let own = group.attributes.get(CROSS_ZONE).map(String::as_str);
        let evidence = Evidence::new(
            format!("attributes.{CROSS_ZONE}"),
            own,
            "true, or inherited from a load balancer that balances across zones",
            op::ELB_TARGET_GROUP_ATTRIBUTES,
        );
        let finding = match own {
            Some("true") => Finding::pass(group.reference(), "on for the target group"),
            Some("false") => Finding::fail(group.reference(), "turned off on the target group"),
            _ => inherited(ctx, group),
        };
        finding.with(evidence)
    })
}

/// The setting a target group takes from each load balancer it is attached to.
fn inherited(ctx: &Context, group: &TargetGroup) -> Finding {
    let mut off = Vec::new();
    for arn in &group.load_balancer_arns {
        let Some(lb) = ctx.load_balancer(arn) else {
            let message =
                format!("inherits from load balancer {arn}, which is not in the inventory");
            return Finding::new(group.reference(), Status::Error, message);
        };
        if lb.lb_type == "application" {
            continue;
        }
        if let Some(error) = lb.errors.get("attributes") {
            let message = format!(
                "the attributes of {} could not be read: {}",
                lb.name, error.message
            );
            return Finding::new(group.reference(), Status::Error, message);
        }
        if lb.attributes.get(CROSS_ZONE).map(String::as_str) != Some("true") {
            off.push(format!(
                "{} ({} load balancer, {CROSS_ZONE} not true)",
                lb.name, lb.lb_type
            ));
        }
    }
    Finding::verdict(
        group.reference(),
        off.is_empty(),
        "inherits cross-zone balancing from its load balancer",
        format!("inherits cross-zone off from {}", W(&off)),
    )
}
