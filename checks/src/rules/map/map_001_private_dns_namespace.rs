use super::super::prelude::*;

declare_check! {
    /// A public DNS namespace publishes the internal topology (service names, task IPs) to the internet.
    ///
    /// # Remediation
    /// Create a private DNS namespace in the stack's VPC and move the services to it.
    CHECK {
        id: "MAP-001",
        title: "Cloud Map namespaces are private DNS namespaces",
        severity: Medium,
        references: [Seed("004", "AWS Cloud Map namespace for internal service communication"), Seed("004", "DNS-based service discovery configuration for backend services")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.cloud_map_namespaces(), &[], |namespace| {
        Finding::verdict(
            namespace.reference(),
            namespace.namespace_type == "DNS_PRIVATE",
            "DNS_PRIVATE",
            format!("type {}", namespace.namespace_type),
        )
        .with(Evidence::new(
            "type",
            &namespace.namespace_type,
            "DNS_PRIVATE",
            op::CLOUD_MAP_NAMESPACE,
        ))
    })
}
