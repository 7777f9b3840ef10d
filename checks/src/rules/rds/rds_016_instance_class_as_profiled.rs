use super::super::prelude::*;

declare_check! {
    /// Instance class is each environment's capacity and cost; drift between environments is what the
    /// seed's incidents came from.
    ///
    /// # Remediation
    /// `aws rds modify-db-instance --db-instance-class` to the profiled class.
    CHECK {
        id: "RDS-016",
        title: "Aurora instances use the profiled instance class",
        severity: Medium,
        references: [Seed("003", "allowing for size variations (t3.medium for dev, m5.large for staging, m5.xlarge for prod)")],
        params: ["database.instance_class"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.database.instance_class else {
        return ctx.param_not_set("database.instance_class");
    };
    ctx.each(ctx.inventory.db_instances(), &[], |instance| {
        Finding::verdict(
            instance.reference(),
            &instance.instance_class == expected,
            expected.clone(),
            format!("{}, expected {expected}", instance.instance_class),
        )
        .with(Evidence::new(
            "db_instance_class",
            &instance.instance_class,
            expected.clone(),
            op::RDS_INSTANCES,
        ))
    })
}
