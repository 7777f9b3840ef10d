use super::super::prelude::*;

declare_check! {
    /// Services read configuration by path; an empty path means defaults baked into images, which is
    /// exactly the drift the hierarchy exists to prevent. `{suffix}` in a profiled path stands for the
    /// stack's environment suffix.
    ///
    /// # Remediation
    /// Create the parameters under each profiled path.
    CHECK {
        id: "SSM-001",
        title: "The profiled SSM parameter paths hold parameters",
        severity: Medium,
        references: [Seed("003", "Set up AWS Systems Manager Parameter Store hierarchies for each environment with shared and environment-specific parameters"), Seed("003", "Use AWS Systems Manager Parameter Store for shared configuration")],
        params: ["platform.ssm_paths"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(paths) = &ctx.profile.platform.ssm_paths else {
        return ctx.param_not_set("platform.ssm_paths");
    };
    paths
        .iter()
        .map(|path| {
            let suffix = ctx
                .inventory
                .meta()
                .environment_suffix
                .as_deref()
                .unwrap_or("{suffix}");
            let prefix = format!(
                "{}/",
                path.replace("{suffix}", suffix).trim_end_matches('/')
            );
            let held: Vec<&str> = ctx
                .inventory
                .ssm_parameters()
                .iter()
                .map(|p| p.name.as_str())
                .filter(|n| n.starts_with(&prefix))
                .collect();
            Finding::verdict(
                ResourceRef::new("ssm-path", path),
                !held.is_empty(),
                format!("{} parameters", held.len()),
                "no parameters under this path",
            )
            .with(Evidence::new(
                "parameters[].name",
                &held,
                format!("≥ 1 under {prefix}"),
                op::SSM_PARAMETERS,
            ))
        })
        .collect()
}
