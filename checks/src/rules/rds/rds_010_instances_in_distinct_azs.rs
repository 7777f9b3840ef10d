use super::super::prelude::*;

declare_check! {
    /// Two instances in one zone fail together; failover needs a reader in another zone.
    ///
    /// # Remediation
    /// Create readers in the zones the cluster lacks and remove the doubled ones.
    CHECK {
        id: "RDS-010",
        title: "Aurora instances are spread over distinct availability zones",
        severity: High,
        references: [Fsbp("RDS.15"), Seed("002", "Create RDS Aurora PostgreSQL cluster with 2 instances across different AZs"), Seed("002", "Configure automatic failover between availability zones")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let multi = ctx
        .inventory
        .db_clusters()
        .iter()
        .filter(|c| c.members.len() > 1);
    ctx.each(multi, &[], |cluster| {
        let zones: Vec<Option<&str>> = (cluster.members.iter())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter_map(|id| ctx.db_instance(id))
            .map(|i| i.availability_zone.as_deref())
            .collect();
        let distinct: std::collections::BTreeSet<&Option<&str>> = zones.iter().collect();
        Finding::verdict(
            cluster.reference(),
            zones.len() == cluster.members.len()
                && distinct.len() == zones.len()
                && zones.iter().all(Option::is_some),
            format!("zones {zones}", zones = W(&zones)),
            format!(
                "instances share zones (or were not collected): {zones}",
                zones = W(&zones)
            ),
        )
        .with(Evidence::new(
            "db_instances[].availability_zone",
            &zones,
            "one zone per instance",
            op::RDS_INSTANCES,
        ))
    })
}
