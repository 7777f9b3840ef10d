use super::super::prelude::*;

declare_check! {
    /// The subnet group decides where instances and failovers may land.
    ///
    /// # Remediation
    /// Modify the DB subnet group to hold one private subnet in each profiled zone.
    CHECK {
        id: "RDS-012",
        title: "The DB subnet group spans exactly the profiled zones",
        severity: Medium,
        references: [Seed("002", "Database subnet group must span exactly 3 availability zones (us-east-1a, us-east-1b, us-east-1c)")],
        params: ["database.subnet_group_azs"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.database.subnet_group_azs else {
        return ctx.param_not_set("database.subnet_group_azs");
    };
    let expected: std::collections::BTreeSet<&str> = expected.iter().map(String::as_str).collect();
    ctx.each(ctx.inventory.db_clusters(), &["subnet_ids"], |cluster| {
        let zones: std::collections::BTreeSet<&str> = ctx
            .inventory
            .subnets()
            .iter()
            .filter(|s| cluster.subnet_ids.contains(&s.id))
            .map(|s| s.availability_zone.as_str())
            .collect();
        Finding::verdict(
            cluster.reference(),
            zones == expected,
            format!("{zones}", zones = W(&zones)),
            format!(
                "zones {zones}, expected {expected}",
                zones = W(&zones),
                expected = W(&expected)
            ),
        )
        .with(Evidence::new(
            "db_subnet_group.subnets[].availability_zone",
            &zones,
            format!("{expected}", expected = W(&expected)),
            op::RDS_CLUSTERS,
        ))
    })
}
