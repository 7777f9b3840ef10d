use super::super::prelude::*;

declare_check! {
    /// The dashboard is what on-call looks at first; a metric the spec asks for and nobody charts is
    /// a blind spot.
    ///
    /// # Remediation
    /// Add a metric widget for each missing metric (`aws cloudwatch put-dashboard`).
    CHECK {
        id: "OBS-002",
        title: "A dashboard charts the profiled metrics",
        severity: Low,
        references: [Seed("002", "Create custom CloudWatch dashboard showing ECS task count and RDS connections"), Seed("003", "Implement CloudWatch dashboards that aggregate metrics across all environments for comparison")],
        params: ["observability.dashboard_metrics"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.observability.dashboard_metrics else {
        return ctx.param_not_set("observability.dashboard_metrics");
    };
    let charted: std::collections::BTreeSet<String> = ctx
        .inventory
        .dashboards()
        .iter()
        .filter_map(|d| d.body.as_ref())
        .flat_map(super::charted_metrics)
        .collect();
    expected
        .iter()
        .map(|metric| {
            Finding::verdict(
                ResourceRef::new("metric", metric),
                charted.contains(metric),
                "charted",
                "no dashboard charts it",
            )
            .with(Evidence::new(
                "dashboards[].widgets[].properties.metrics",
                &charted,
                metric.clone(),
                op::CW_DASHBOARD,
            ))
        })
        .collect()
}
