use super::super::prelude::*;

declare_check! {
    /// A desired count outside the scalable target's bounds is corrected by the next scaling
    /// activity: the deployed count is not the one the template says.
    ///
    /// # Remediation
    /// Set the service's desired count between the target's minimum and maximum.
    CHECK {
        id: "SCALE-005",
        title: "Services' desired counts lie within their scaling bounds",
        severity: Low,
        references: [Seed("004", "ECS services with desired count configured")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let scaled = ctx.inventory.ecs_services().iter().filter_map(|service| {
        let id = super::scaling_resource_id(service);
        ctx.scalable_target(&id).map(|t| (service, t))
    });
    scaled
        .map(|(service, target)| {
            let bounds = (
                target.min_capacity.unwrap_or(0),
                target.max_capacity.unwrap_or(i32::MAX),
            );
            Finding::verdict(
                service.reference(),
                (bounds.0..=bounds.1).contains(&service.desired_count),
                format!(
                    "{} within {bounds}",
                    service.desired_count,
                    bounds = W(&bounds)
                ),
                format!(
                    "{} outside {bounds}",
                    service.desired_count,
                    bounds = W(&bounds)
                ),
            )
            .with(Evidence::new(
                "desired_count",
                service.desired_count,
                format!("{}–{}", bounds.0, bounds.1),
                op::ECS_SERVICES,
            ))
        })
        .collect()
}
