use super::super::prelude::*;

declare_check! {
    /// Services that do not register cannot be found by their peers except through hard-coded
    /// addresses or a public path.
    ///
    /// # Remediation
    /// Update the service with `serviceRegistries` pointing at its Cloud Map service.
    CHECK {
        id: "MAP-002",
        title: "Every ECS service registers in Cloud Map",
        severity: Medium,
        references: [Seed("004", "Service discovery services registered for each ECS service"), Seed("004", "Services must communicate through internal load balancers or service discovery only")],
        params: ["platform.service_discovery"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.platform.service_discovery != Some(true) {
        return ctx.param_not_set("platform.service_discovery");
    }
    ctx.each(ctx.inventory.ecs_services(), &[], |service| {
        let known: Vec<&String> = service
            .registry_arns
            .iter()
            .filter(|arn| ctx.cloud_map_service(arn).is_some())
            .collect();
        Finding::verdict(
            service.reference(),
            !known.is_empty(),
            format!("registers in {known}", known = W(&known)),
            format!(
                "no registry of the stack (registries: {})",
                W(&service.registry_arns)
            ),
        )
        .with(Evidence::new(
            "service_registries[].registry_arn",
            &service.registry_arns,
            "a Cloud Map service of the stack",
            op::ECS_SERVICES,
        ))
    })
}
