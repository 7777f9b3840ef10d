use super::super::prelude::*;

declare_check! {
    /// Container Insights records per-task CPU, memory and network metrics; without it, incidents
    /// and capacity questions are answered blind.
    ///
    /// # Remediation
    /// `aws ecs update-cluster-settings --settings name=containerInsights,value=enabled`.
    CHECK {
        id: "ECS-011",
        title: "ECS clusters have Container Insights on",
        severity: Medium,
        references: [Fsbp("ECS.12"), PciDss4("10.2.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.ecs_clusters(), &[], |cluster| {
        let setting = cluster.container_insights.as_deref();
        Finding::verdict(
            cluster.reference(),
            matches!(setting, Some("enabled" | "enhanced")),
            "Container Insights on",
            format!("Container Insights {}", setting.unwrap_or("not set")),
        )
        .with(Evidence::new(
            "settings.containerInsights",
            setting,
            "enabled or enhanced",
            op::ECS_CLUSTERS,
        ))
    })
}
