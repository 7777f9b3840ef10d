use super::super::prelude::*;

declare_check! {
    /// An HTTP-only discovery service is invisible to DNS clients: peers resolving `name.namespace`
    /// get nothing.
    ///
    /// # Remediation
    /// Recreate the service with `DnsConfig` (`A` records for awsvpc tasks, `SRV` for ports).
    CHECK {
        id: "MAP-004",
        title: "Discovery services register DNS records",
        severity: Low,
        references: [Seed("004", "DNS-based service discovery configuration for backend services")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.cloud_map_services(), &[], |service| {
        let ok = service
            .dns_record_types
            .iter()
            .any(|t| t == "A" || t == "AAAA" || t == "SRV");
        Finding::verdict(
            service.reference(),
            ok,
            format!("{}", W(&service.dns_record_types)),
            "no A/AAAA/SRV records",
        )
        .with(Evidence::new(
            "dns_config.dns_records[].type",
            &service.dns_record_types,
            "A, AAAA or SRV",
            op::CLOUD_MAP_SERVICE,
        ))
    })
}
