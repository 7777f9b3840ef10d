use super::super::prelude::*;

declare_check! {
    /// Application containers should be reached through the load balancer or from other
    /// services, named by security group, never from address ranges that bypass the tiers.
    ///
    /// # Remediation
    /// Replace CIDR-sourced ingress on the service's group by rules naming the load balancer's
    /// (or the calling service's) security group.
    CHECK {
        id: "SG-005",
        title: "Application groups admit only other security groups",
        severity: High,
        references: [PciDss4("1.3.1"), Seed("004", "Security group for frontend containers allowing traffic only from ALB"), Seed("004", "api-gateway containers with internal-only access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let application_groups = ctx.inventory.security_groups().iter().filter(|g| {
        ctx.group_tiers(&g.id)
            .contains(&crate::profile::Tier::Application)
    });
    ctx.each(application_groups, &[], |group| {
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| r.group_id.is_none())
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            "ingress only from security groups",
            format!(
                "ingress from address ranges: {offending}",
                offending = W(&offending)
            ),
        )
        .with(Evidence::new(
            "ingress[source]",
            &offending,
            "security-group sources only",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
