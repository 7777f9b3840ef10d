use super::super::prelude::*;

declare_check! {
    /// Flow logs are the network audit trail: without them nobody can say after the fact which
    /// addresses talked to the stack.
    ///
    /// # Remediation
    /// Create a flow log for the VPC (traffic type `ALL`) to CloudWatch Logs or S3.
    CHECK {
        id: "VPC-013",
        title: "VPC flow logs are enabled",
        severity: Medium,
        references: [Fsbp("EC2.6"), Cis("3.9"), PciDss4("10.2.1"), Seed("004", "VPC flow logs for network traffic auditing")],
        params: ["network.flow_logs"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    match ctx.profile.network.flow_logs {
        None => return ctx.param_not_set("network.flow_logs"),
        Some(false) => {
            return vec![Finding::skip(
                ResourceRef::stack(),
                "the profile does not ask for flow logs",
            )];
        }
        Some(true) => {}
    }
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let logs: Vec<&FlowLog> = ctx
            .inventory
            .flow_logs()
            .iter()
            .filter(|f| f.resource_id == vpc.id && f.status.eq_ignore_ascii_case("ACTIVE"))
            .collect();
        let ids: Vec<&str> = logs.iter().map(|f| f.id.as_str()).collect();
        Finding::verdict(
            vpc.reference(),
            !logs.is_empty(),
            "flow logs active",
            "no active flow log",
        )
        .with(Evidence::new(
            "flow_logs[resource_id]",
            &ids,
            "at least one active flow log",
            op::EC2_FLOW_LOGS,
        ))
    })
}
