use super::super::prelude::*;

declare_check! {
    /// Without private DNS the SDKs keep resolving the public service names: traffic bypasses the
    /// endpoint (and fails without a NAT).
    ///
    /// # Remediation
    /// `aws ec2 modify-vpc-endpoint --private-dns-enabled` (the VPC needs DNS support and hostnames).
    CHECK {
        id: "VPC-023",
        title: "Interface endpoints have private DNS on",
        severity: Medium,
        references: [Seed("001", "VPC endpoints for S3, ECS, ECR, and CloudWatch to avoid NAT costs")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let interface = ctx
        .inventory
        .vpc_endpoints()
        .iter()
        .filter(|e| e.endpoint_type == "Interface");
    ctx.each(interface, &[], |endpoint| {
        Finding::verdict(
            endpoint.reference(),
            endpoint.private_dns_enabled,
            "private DNS on",
            format!("private DNS off for {}", endpoint.short_service()),
        )
        .with(Evidence::new(
            "private_dns_enabled",
            endpoint.private_dns_enabled,
            "true",
            op::EC2_VPC_ENDPOINTS,
        ))
    })
}
