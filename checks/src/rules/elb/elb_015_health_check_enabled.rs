use super::super::prelude::*;

declare_check! {
    /// Without health checks a dead task keeps receiving traffic; an HTTP check on `/` alone often
    /// tests the web server rather than the service.
    ///
    /// # Remediation
    /// Enable the health check with the service's health endpoint as path.
    CHECK {
        id: "ELB-015",
        title: "Target groups check health on a path",
        severity: Medium,
        references: [Seed("000", "Health checks for service availability"), Seed("004", "Health checks must be implemented with specific thresholds for each service type")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.target_groups(), &[], |group| {
        let check = &group.health_check;
        let protocol = check.protocol.as_deref().or(group.protocol.as_deref());
        let http = matches!(protocol, Some("HTTP" | "HTTPS"));
        let ok = check.enabled != Some(false)
            && (!http || check.path.as_deref().is_some_and(|p| !p.is_empty()));
        let checks = if http {
            format!("checks {}", W(&check.path))
        } else {
            // TCP, TLS, UDP, GENEVE: a connection is the health check, there is no path.
            format!(
                "checks health over {} (no path in this protocol)",
                W(&protocol)
            )
        };
        Finding::verdict(
            group.reference(),
            ok,
            checks,
            "health check disabled or without a path",
        )
        .with(Evidence::new(
            "health_check",
            check,
            "enabled, with a path for HTTP",
            op::ELB_TARGET_GROUPS,
        ))
    })
}
