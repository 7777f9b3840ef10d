use super::super::prelude::*;

declare_check! {
    /// Database logs (connections, errors, slow queries) are audit evidence only once they leave the
    /// instance.
    ///
    /// # Remediation
    /// `aws rds modify-db-cluster --cloudwatch-logs-export-configuration EnableLogTypes=postgresql`.
    CHECK {
        id: "RDS-013",
        title: "Aurora clusters export the profiled logs to CloudWatch",
        severity: Medium,
        references: [PciDss4("10.2.1"), Seed("000", "CloudWatch Log Groups for all services (ECS, RDS, ALB)")],
        params: ["database.log_exports"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.database.log_exports else {
        return ctx.param_not_set("database.log_exports");
    };
    ctx.each(ctx.inventory.db_clusters(), &[], |cluster| {
        let lacking: Vec<&String> = expected
            .iter()
            .filter(|t| !cluster.cloudwatch_logs_exports.contains(t))
            .collect();
        Finding::verdict(
            cluster.reference(),
            lacking.is_empty(),
            format!("exports {}", W(&cluster.cloudwatch_logs_exports)),
            format!("does not export {lacking}", lacking = W(&lacking)),
        )
        .with(Evidence::new(
            "enabled_cloudwatch_logs_exports",
            &cluster.cloudwatch_logs_exports,
            format!("{expected}", expected = W(&expected)),
            op::RDS_CLUSTERS,
        ))
    })
}
