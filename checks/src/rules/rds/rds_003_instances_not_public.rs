use super::super::prelude::*;

declare_check! {
    /// A publicly accessible DB instance gets a public DNS name and address; with a permissive
    /// security group, the database is on the internet.
    ///
    /// # Remediation
    /// Modify the instance with `--no-publicly-accessible`.
    CHECK {
        id: "RDS-003",
        title: "DB instances are not publicly accessible",
        severity: Critical,
        references: [Fsbp("RDS.2"), PciDss4("1.4.4"), Seed("000", "RDS in private subnets with no public access")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.db_instances(), &[], |instance| {
        Finding::verdict(
            instance.reference(),
            !instance.publicly_accessible,
            "not publicly accessible",
            "publicly accessible",
        )
        .with(Evidence::new(
            "publicly_accessible",
            instance.publicly_accessible,
            "false",
            op::RDS_INSTANCES,
        ))
    })
}
