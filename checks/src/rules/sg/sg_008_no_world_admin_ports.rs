use super::super::prelude::*;

declare_check! {
    /// SSH (22) and RDP (3389) open to the internet are scanned within minutes of creation and
    /// are the most common way into cloud hosts. Nothing in these stacks needs them.
    ///
    /// # Remediation
    /// Remove the rule; use SSM Session Manager for shell access.
    CHECK {
        id: "SG-008",
        title: "No security group admits the internet to SSH or RDP",
        severity: Critical,
        references: [Fsbp("EC2.13"), Fsbp("EC2.14"), Cis("5.2"), PciDss4("1.3.1")],
        params: [],
        evaluate: evaluate,
    }
}

const ADMIN_PORTS: [i32; 2] = [22, 3389];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.security_groups(), &[], |group| {
        let offending: Vec<String> = group
            .ingress
            .iter()
            .filter(|r| r.is_open_to_world() && ADMIN_PORTS.iter().any(|port| r.covers_port(*port)))
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            offending.is_empty(),
            "no admin ports open to the internet",
            format!(
                "admin ports open to the internet: {offending}",
                offending = W(&offending)
            ),
        )
        .with(Evidence::new(
            "ingress[port 22|3389, cidr 0.0.0.0/0|::/0]",
            &offending,
            "none",
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
