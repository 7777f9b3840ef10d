use super::super::prelude::*;

declare_check! {
    /// Every listener is an entry point; one on an unexpected port is usually a forgotten test or
    /// debug endpoint.
    ///
    /// # Remediation
    /// Delete listeners on ports the profile does not list.
    CHECK {
        id: "ELB-012",
        title: "Listeners use only the profiled ports",
        severity: Medium,
        references: [PciDss4("1.2.5"), Seed("004", "Security group for ALB allowing internet traffic on ports 80 and 443")],
        params: ["load_balancer.listener_ports"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(ports) = &ctx.profile.load_balancer.listener_ports else {
        return ctx.param_not_set("load_balancer.listener_ports");
    };
    ctx.each(ctx.inventory.listeners(), &[], |listener| {
        Finding::verdict(
            listener.reference(),
            ports.contains(&listener.port),
            format!("port {}", listener.port),
            format!("port {} not in {ports}", listener.port, ports = W(&ports)),
        )
        .with(Evidence::new(
            "port",
            listener.port,
            format!("one of {ports}", ports = W(&ports)),
            op::ELB_LISTENERS,
        ))
    })
}
