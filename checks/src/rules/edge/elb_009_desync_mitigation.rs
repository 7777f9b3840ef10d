use super::super::prelude::*;

declare_check! {
    /// `monitor` mode forwards ambiguous requests that HTTP desync attacks rely on.
    ///
    /// # Remediation
    /// Set `routing.http.desync_mitigation_mode` to `defensive` (the default) or `strictest`.
    CHECK {
        id: "ELB-009",
        title: "Desync mitigation is defensive or strictest",
        severity: Medium,
        references: [Fsbp("ELB.12")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.load_balancers.iter().filter(|lb| lb.lb_type == "application"), &["attributes"], |lb| {
        let value = lb.attributes.get("routing.http.desync_mitigation_mode").map(String::as_str);
        Finding::verdict(
            lb.reference(),
            !matches!(value, Some("monitor")),
            format!("routing.http.desync_mitigation_mode = {value:?}"),
            format!("routing.http.desync_mitigation_mode = {value:?}, expected defensive or strictest"),
        )
        .with(Evidence::new("attributes.routing.http.desync_mitigation_mode", value, "defensive or strictest", op::ELB_ATTRIBUTES))
    })
}
