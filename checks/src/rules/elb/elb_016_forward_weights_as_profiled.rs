use super::super::prelude::*;

declare_check! {
    /// Blue/green releases depend on the split: a 100/0 forward is not a canary, and a 50/50 one
    /// sends half the traffic to an untested release.
    ///
    /// # Remediation
    /// `aws elbv2 modify-listener` with a forward action whose target groups carry the profiled weights.
    CHECK {
        id: "ELB-016",
        title: "A weighted forward splits traffic with the profiled weights",
        severity: High,
        references: [Seed("002", "Implement weighted target groups for blue-green deployments with 80/20 traffic split"), Seed("004", "Blue-green deployment capability through ALB target group configurations")],
        params: ["load_balancer.forward_weights"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.load_balancer.forward_weights else {
        return ctx.param_not_set("load_balancer.forward_weights");
    };
    ctx.each(ctx.inventory.load_balancers(), &["listeners"], |lb| {
        let forwards: Vec<Vec<i32>> = ctx
            .inventory
            .listeners()
            .iter()
            .filter(|l| l.load_balancer_arn == lb.arn)
            .flat_map(|l| {
                l.default_actions
                    .iter()
                    .chain(l.rules.iter().flat_map(|r| r.actions.iter()))
            })
            .filter(|a| a.action_type == "forward")
            .map(|a| a.forward.iter().map(|g| g.weight).collect())
            .collect();
        let found = forwards.iter().any(|weights| weights == expected);
        Finding::verdict(
            lb.reference(),
            found,
            format!("forward {expected}", expected = W(&expected)),
            format!(
                "no forward with weights {expected} among {forwards}",
                expected = W(&expected),
                forwards = W(&forwards)
            ),
        )
        .with(Evidence::new(
            "listeners[].actions[].forward[].weight",
            &forwards,
            format!("{expected}", expected = W(&expected)),
            op::ELB_LISTENERS,
        ))
    })
}
