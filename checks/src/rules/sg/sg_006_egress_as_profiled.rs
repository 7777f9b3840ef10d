use super::super::prelude::*;

declare_check! {
    /// Unrestricted egress lets a compromised component ship data anywhere. The profile names
    /// the tiers that may have it (typically the load balancer and the application, for image
    /// pulls); the database tier never needs it.
    ///
    /// # Remediation
    /// Replace `all traffic → 0.0.0.0/0` egress on the group by the destinations it needs.
    CHECK {
        id: "SG-006",
        title: "Unrestricted egress only on the tiers the profile allows",
        severity: Medium,
        references: [PciDss4("1.3.2"), Seed("004", "Strict ingress and egress rules between service tiers")],
        params: ["security_groups.open_egress_tiers"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(allowed) = &ctx.profile.security_groups.open_egress_tiers else {
        return ctx.param_not_set("security_groups.open_egress_tiers");
    };
    let tiered = ctx
        .inventory
        .security_groups()
        .iter()
        .filter(|g| !ctx.group_tiers(&g.id).is_empty());
    ctx.each(tiered, &[], |group| {
        let tiers = ctx.group_tiers(&group.id);
        let may_open = tiers.iter().all(|tier| allowed.contains(tier));
        let open: Vec<String> = group
            .egress
            .iter()
            .filter(|r| r.is_open_to_world() && r.port_range().is_none())
            .map(SgRule::describe)
            .collect();
        Finding::verdict(
            group.reference(),
            may_open || open.is_empty(),
            "egress as profiled",
            format!(
                "tiers {tiers} may not have unrestricted egress: {open}",
                tiers = W(&tiers),
                open = W(&open)
            ),
        )
        .with(Evidence::new(
            "egress[all → 0.0.0.0/0]",
            &open,
            format!("only tiers {allowed}", allowed = W(&allowed)),
            op::EC2_SECURITY_GROUPS,
        ))
    })
}
