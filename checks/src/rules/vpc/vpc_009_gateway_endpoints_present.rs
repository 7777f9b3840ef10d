use super::super::prelude::*;

declare_check! {
    /// Gateway endpoints keep S3 and DynamoDB traffic on the AWS network: no NAT charges, no
    /// exposure on the internet path, and bucket policies can pin access to the endpoint.
    ///
    /// # Remediation
    /// Create a gateway VPC endpoint for each profiled service in the stack's VPC.
    CHECK {
        id: "VPC-009",
        title: "Required gateway endpoints exist",
        severity: Medium,
        references: [Seed("000", "VPC Endpoints for S3 and DynamoDB"), Seed("001", "VPC endpoints for S3")],
        params: ["network.gateway_endpoints"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(required) = &ctx.profile.network.gateway_endpoints else {
        return ctx.param_not_set("network.gateway_endpoints");
    };
    super::endpoints_present(ctx, "Gateway", required)
}
