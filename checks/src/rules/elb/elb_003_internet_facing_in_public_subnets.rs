use super::super::prelude::*;

declare_check! {
    /// An internet-facing load balancer in a private subnet has no route back to its clients; its
    /// subnets are also where the public attack surface is meant to be, and nowhere else.
    ///
    /// # Remediation
    /// `aws elbv2 set-subnets` with the public subnets.
    CHECK {
        id: "ELB-003",
        title: "Internet-facing load balancers sit in public subnets only",
        severity: Medium,
        references: [Seed("000", "Application Load Balancer in public subnets"), Seed("004", "Application Load Balancer deployed in public subnets")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let facing = ctx
        .inventory
        .load_balancers()
        .iter()
        .filter(|lb| lb.scheme == "internet-facing");
    ctx.each(facing, &[], |lb| {
        let public = ctx.public_subnets_among(&lb.subnet_ids);
        let private: Vec<&String> = lb
            .subnet_ids
            .iter()
            .filter(|id| !public.contains(id))
            .collect();
        Finding::verdict(
            lb.reference(),
            !lb.subnet_ids.is_empty() && private.is_empty(),
            "public subnets only",
            format!("non-public subnets {private}", private = W(&private)),
        )
        .with(Evidence::new(
            "subnets",
            &lb.subnet_ids,
            "public subnets",
            op::ELB_LOAD_BALANCERS,
        ))
    })
}
