use super::super::prelude::*;

declare_check! {
    /// A port open on the load balancer's group with no listener behind it is either dead or a door
    /// someone plans to open later.
    ///
    /// # Remediation
    /// Remove ingress rules for ports no listener uses.
    CHECK {
        id: "SG-009",
        title: "Load balancer groups admit only listener ports",
        severity: Medium,
        references: [PciDss4("1.2.5"), Seed("004", "Security group for ALB allowing internet traffic on ports 80 and 443")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let groups = ctx.inventory.security_groups().iter().filter_map(|group| {
        let lbs = ctx.load_balancers_in_group(&group.id);
        let ports: Vec<i32> = lbs
            .iter()
            .flat_map(|lb| ctx.listeners_of(&lb.arn))
            .map(|l| l.port)
            .collect();
        (!lbs.is_empty()).then_some((group, ports))
    });
    super::ingress_only_on_ports(groups, "listener ports")
}
