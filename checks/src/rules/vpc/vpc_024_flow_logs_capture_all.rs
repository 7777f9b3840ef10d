use super::super::prelude::*;

declare_check! {
    /// `REJECT`-only flow logs miss what was allowed, which is what an investigation needs first.
    ///
    /// # Remediation
    /// Create the flow log with `--traffic-type ALL`.
    CHECK {
        id: "VPC-024",
        title: "Flow logs capture all traffic",
        severity: Low,
        references: [Fsbp("EC2.6"), PciDss4("10.2.1"), Seed("004", "VPC flow logs for network traffic auditing and compliance")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.flow_logs(), &[], |flow| {
        Finding::verdict(
            flow.reference(),
            flow.traffic_type == "ALL",
            "ALL",
            format!("only {}", flow.traffic_type),
        )
        .with(Evidence::new(
            "traffic_type",
            &flow.traffic_type,
            "ALL",
            op::EC2_FLOW_LOGS,
        ))
    })
}
