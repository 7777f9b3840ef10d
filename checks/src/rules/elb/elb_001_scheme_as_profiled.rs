use super::super::prelude::*;

declare_check! {
    /// An internal service exposed by an internet-facing load balancer, or a public entry point made
    /// internal, is the wrong network boundary either way.
    ///
    /// # Remediation
    /// The scheme cannot be changed in place: recreate the load balancer with the profiled scheme.
    CHECK {
        id: "ELB-001",
        title: "Load balancers have the profiled scheme",
        severity: High,
        references: [Seed("002", "Use internet-facing scheme with IPv4 addressing only"), Seed("004", "ALB in public subnets as the only public-facing entry point")],
        params: ["load_balancer.scheme"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.load_balancer.scheme else {
        return ctx.param_not_set("load_balancer.scheme");
    };
    ctx.each(ctx.inventory.load_balancers(), &[], |lb| {
        Finding::verdict(
            lb.reference(),
            &lb.scheme == expected,
            expected.clone(),
            format!("{}, expected {expected}", lb.scheme),
        )
        .with(Evidence::new(
            "scheme",
            &lb.scheme,
            expected.clone(),
            op::ELB_LOAD_BALANCERS,
        ))
    })
}
