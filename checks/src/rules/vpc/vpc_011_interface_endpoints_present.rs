use super::super::prelude::*;

declare_check! {
    /// Without interface endpoints, tasks in private subnets reach ECR, ECS and CloudWatch Logs
    /// through a NAT gateway (cost, internet path) or not at all where the design has no NAT.
    ///
    /// # Remediation
    /// Create an interface VPC endpoint for each profiled service, in the private subnets.
    CHECK {
        id: "VPC-011",
        title: "Required interface endpoints exist",
        severity: Medium,
        references: [Seed("001", "VPC endpoints for S3, ECS, ECR, and CloudWatch"), Fsbp("EC2.10")],
        params: ["network.interface_endpoints"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(required) = &ctx.profile.network.interface_endpoints else {
        return ctx.param_not_set("network.interface_endpoints");
    };
    super::endpoints_present(ctx, "Interface", required)
}
