use super::super::prelude::*;

declare_check! {
    /// Only the internet-facing load balancer should accept traffic from anywhere, and only on
    /// the profiled ports (80/443). Any other group open to 0.0.0.0/0 or ::/0 bypasses the ALB.
    ///
    /// # Remediation
    /// Replace the world-open rule by a rule whose source is the load balancer's security group.
    CHECK {
        id: "SG-001",
        title: "Only the internet-facing load balancer admits the internet, on profiled ports",
        severity: Critical,
        references: [Fsbp("EC2.18"), PciDss4("1.3.1"), Seed("004", "Security group for ALB allowing internet traffic on ports 80 and 443")],
        params: ["security_groups.public_ingress_ports"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(ports) = &ctx.profile.security_groups.public_ingress_ports else {
        return ctx.param_not_set("security_groups.public_ingress_ports");
    };
    let public_groups = ctx.internet_facing_groups();
    ctx.each(ctx.inventory.security_groups(), &[], |group| {
        let allowed = |rule: &SgRule| {
            public_groups.contains(group.id.as_str())
                && rule
                    .port_range()
                    .is_some_and(|(from, to)| from == to && ports.contains(&from))
        };
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| r.is_open_to_world() && !allowed(r))
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            "no unexpected ingress from the internet",
            format!(
                "open to the internet: {offending}",
                offending = W(&offending)
            ),
        )
        .with(Evidence::new(
            "ingress[cidr=0.0.0.0/0|::/0]",
            &offending,
            format!(
                "none, or ports {ports} on an internet-facing load balancer's group",
                ports = W(&ports)
            ),
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
