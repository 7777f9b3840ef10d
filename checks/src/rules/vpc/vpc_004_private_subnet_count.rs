use super::super::prelude::*;

declare_check! {
    /// Workloads and databases belong in private subnets, one per zone the design spans; a
    /// missing private subnet forces them into public ones or a single zone.
    ///
    /// # Remediation
    /// Create or remove private subnets (no route to the internet gateway) to match the profile.
    CHECK {
        id: "VPC-004",
        title: "Private subnet count is as profiled",
        severity: Medium,
        references: [Seed("000", "2 public subnets and 2 private subnets"), Seed("002", "3 private subnets")],
        params: ["network.private_subnets"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.network.private_subnets else {
        return ctx.param_not_set("network.private_subnets");
    };
    super::count_tier(ctx, SubnetTier::Private, expected)
}
