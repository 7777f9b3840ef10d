use super::super::prelude::*;

declare_check! {
    /// A load balancer in one zone goes down with it.
    ///
    /// # Remediation
    /// `aws elbv2 set-subnets` with subnets in at least two zones.
    CHECK {
        id: "ELB-004",
        title: "Load balancers span at least two availability zones",
        severity: Medium,
        references: [Fsbp("ELB.13"), Seed("004", "Multi-AZ deployment across 3 availability zones")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.load_balancers(), &[], |lb| {
        let zones: std::collections::BTreeSet<&String> = lb.availability_zones.iter().collect();
        Finding::verdict(
            lb.reference(),
            zones.len() >= 2,
            format!("{} zones", zones.len()),
            format!("only {} zone(s)", zones.len()),
        )
        .with(Evidence::new(
            "availability_zones",
            &lb.availability_zones,
            "≥ 2 distinct",
            op::ELB_LOAD_BALANCERS,
        ))
    })
}
