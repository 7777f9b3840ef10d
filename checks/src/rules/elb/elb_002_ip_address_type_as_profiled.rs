use super::super::prelude::*;

declare_check! {
    /// Dual-stack opens an IPv6 path the security groups and WAF rules may not have been written for.
    ///
    /// # Remediation
    /// `aws elbv2 set-ip-address-type` to the profiled type.
    CHECK {
        id: "ELB-002",
        title: "Load balancers have the profiled IP address type",
        severity: Medium,
        references: [Seed("002", "Use internet-facing scheme with IPv4 addressing only")],
        params: ["load_balancer.ip_address_type"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.load_balancer.ip_address_type else {
        return ctx.param_not_set("load_balancer.ip_address_type");
    };
    ctx.each(ctx.inventory.load_balancers(), &[], |lb| {
        Finding::verdict(
            lb.reference(),
            &lb.ip_address_type == expected,
            expected.clone(),
            format!("{}, expected {expected}", lb.ip_address_type),
        )
        .with(Evidence::new(
            "ip_address_type",
            &lb.ip_address_type,
            expected.clone(),
            op::ELB_LOAD_BALANCERS,
        ))
    })
}
