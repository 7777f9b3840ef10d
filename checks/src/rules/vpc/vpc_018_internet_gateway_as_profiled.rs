use super::super::prelude::*;

declare_check! {
    /// Public subnets need an attached internet gateway; a VPC meant to be private must not have one.
    ///
    /// # Remediation
    /// Attach (or detach and delete) the internet gateway.
    CHECK {
        id: "VPC-018",
        title: "The VPC has an internet gateway exactly when profiled",
        severity: High,
        references: [Seed("000", "Internet Gateway for public subnet access"), Seed("004", "Internet gateway attached for public subnet internet access")],
        params: ["network.internet_gateway"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(wanted) = ctx.profile.network.internet_gateway else {
        return ctx.param_not_set("network.internet_gateway");
    };
    ctx.each(ctx.inventory.vpcs(), &[], |vpc| {
        let attached: Vec<&str> = ctx
            .inventory
            .internet_gateways()
            .iter()
            .filter(|g| g.vpc_ids.contains(&vpc.id))
            .map(|g| g.id.as_str())
            .collect();
        Finding::verdict(
            vpc.reference(),
            attached.is_empty() != wanted,
            format!("internet gateways {attached}", attached = W(&attached)),
            format!(
                "internet gateways {attached}, expected {}",
                if wanted { "one" } else { "none" },
                attached = W(&attached)
            ),
        )
        .with(Evidence::new(
            "internet_gateways[].attachments",
            &attached,
            if wanted { "attached" } else { "none" },
            op::EC2_INTERNET_GATEWAYS,
        ))
    })
}
