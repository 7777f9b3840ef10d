use super::super::prelude::*;

declare_check! {
    /// The seed fixes how many public subnets the stack has; extra public subnets widen the
    /// internet-facing surface, missing ones break load balancer placement across zones.
    ///
    /// # Remediation
    /// Create or remove public subnets (routed to the internet gateway) to match the profile.
    CHECK {
        id: "VPC-003",
        title: "Public subnet count is as profiled",
        severity: Medium,
        references: [Seed("000", "2 public subnets and 2 private subnets"), Seed("002", "3 public subnets")],
        params: ["network.public_subnets"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.network.public_subnets else {
        return ctx.param_not_set("network.public_subnets");
    };
    super::count_tier(ctx, SubnetTier::Public, expected)
}
