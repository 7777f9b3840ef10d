use super::super::prelude::*;

declare_check! {
    /// Fargate platform versions carry the kernel and runtime patches; pinning an old one keeps
    /// tasks on unpatched hosts.
    ///
    /// # Remediation
    /// Update the service with `platformVersion = LATEST` (or the newest version number).
    CHECK {
        id: "ECS-013",
        title: "Fargate services run the latest platform version",
        severity: Medium,
        references: [Fsbp("ECS.10")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let fargate =
        ctx.inventory.ecs_services().iter().filter(|s| {
            s.launch_type.as_deref() == Some("FARGATE") || s.platform_version.is_some()
        });
    ctx.each(fargate, &[], |service| {
        let version = service.platform_version.as_deref().unwrap_or("LATEST");
        Finding::verdict(
            service.reference(),
            version == "LATEST",
            "LATEST",
            format!("pinned to {version}"),
        )
        .with(Evidence::new(
            "platform_version",
            &service.platform_version,
            "LATEST",
            op::ECS_SERVICES,
        ))
    })
}
