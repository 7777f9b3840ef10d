use super::super::prelude::*;

declare_check! {
    /// IAM authentication replaces long-lived database passwords with short-lived tokens tied to roles.
    ///
    /// # Remediation
    /// `aws rds modify-db-cluster --enable-iam-database-authentication`.
    CHECK {
        id: "RDS-014",
        title: "Aurora clusters accept IAM database authentication",
        severity: Medium,
        references: [Fsbp("RDS.12"), PciDss4("8.3.1")],
        params: ["database.iam_authentication"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.database.iam_authentication != Some(true) {
        return ctx.param_not_set("database.iam_authentication");
    }
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        Finding::verdict(
            cluster.reference(),
            cluster.iam_database_authentication,
            "IAM authentication on",
            "IAM authentication off",
        )
        .with(Evidence::new(
            "iam_database_authentication_enabled",
            cluster.iam_database_authentication,
            "true",
            op::RDS_CLUSTERS,
        ))
    })
}
