use super::super::prelude::*;

declare_check! {
    /// The seeds build disposable stacks: deletion protection must be off so CI can tear them
    /// down. Production profiles set it the other way.
    ///
    /// # Remediation
    /// Modify the cluster's `DeletionProtection` to the profiled value.
    CHECK {
        id: "RDS-004",
        title: "Aurora deletion protection is as profiled",
        severity: Low,
        references: [Seed("000", "Do NOT use deletion protection on any resources"), Seed("002", "deletion_protection=False")],
        params: ["database.deletion_protection"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = ctx.profile.database.deletion_protection else {
        return ctx.param_not_set("database.deletion_protection");
    };
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        Finding::verdict(
            cluster.reference(),
            cluster.deletion_protection == expected,
            "deletion protection as profiled",
            format!("deletion protection is {}", cluster.deletion_protection),
        )
        .with(Evidence::new(
            "deletion_protection",
            cluster.deletion_protection,
            expected.to_string(),
            op::RDS_CLUSTERS,
        ))
    })
}
