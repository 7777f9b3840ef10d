use super::super::prelude::*;

declare_check! {
    /// Interface endpoints place network interfaces in subnets; in public subnets they are not
    /// where the workloads are, and a private subnet zone without one pays cross-zone traffic.
    ///
    /// # Remediation
    /// Place each interface endpoint in the private subnets (one per zone), not in public ones.
    CHECK {
        id: "VPC-012",
        title: "Interface endpoints sit in private subnets only",
        severity: Low,
        references: [Seed("001", "All compute resources must run in private subnets")],
        params: ["network.interface_endpoints"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.network.interface_endpoints.is_none() {
        return ctx.param_not_set("network.interface_endpoints");
    }
    let endpoints = ctx
        .inventory
        .vpc_endpoints()
        .iter()
        .filter(|e| e.endpoint_type.eq_ignore_ascii_case("Interface"));
    ctx.each(endpoints, &[], |endpoint| {
        let public = ctx.public_subnets_among(&endpoint.subnet_ids);
        let ok = public.is_empty() && !endpoint.subnet_ids.is_empty();
        Finding::verdict(
            endpoint.reference(),
            ok,
            "in private subnets",
            format!(
                "subnets {}; public among them: {public}",
                W(&endpoint.subnet_ids),
                public = W(&public)
            ),
        )
        .with(Evidence::new(
            "subnet_ids",
            &endpoint.subnet_ids,
            "private subnets only, at least one",
            op::EC2_VPC_ENDPOINTS,
        ))
    })
}
