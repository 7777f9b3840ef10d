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
        let newest = newest_version(service.platform_family.as_deref());
        Finding::verdict(
            service.reference(),
            version == "LATEST" || version == newest,
            format!("{version}, the newest"),
            format!("pinned to {version}, the newest is {newest}"),
        )
        .with(Evidence::new(
            "platform_version",
            &service.platform_version,
            "LATEST or the newest version of the platform family",
            op::ECS_SERVICES,
        ))
    })
}

/// The newest Fargate platform version of a family, as Security Hub's ECS.10 names them
/// (`latestLinuxVersion`, `latestWindowsVersion`). AWS numbers Linux and Windows separately.
fn newest_version(family: Option<&str>) -> &'static str {
    match family {
        Some(family) if family.to_ascii_uppercase().starts_with("WINDOWS") => "1.0.0",
        _ => "1.4.0",
    }
}
