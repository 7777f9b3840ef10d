use super::super::prelude::*;

declare_check! {
    /// Names without the suffix collide when two environments or two CI runs deploy side by side,
    /// and a teardown of one deletes the other's resources.
    ///
    /// # Remediation
    /// Rename the resource to `<name>-<suffix>` (most names require replacement).
    CHECK {
        id: "STACK-002",
        title: "Every named resource carries the environment suffix",
        severity: High,
        references: [Seed("000", "ALL named resources MUST include an environment_suffix parameter for uniqueness"), Seed("001", "Resource names must include environmentSuffix parameter for uniqueness across deployments"), Seed("002", "ALL named resources MUST include environmentSuffix variable"), Seed("003", "All named resources MUST include environmentSuffix in their names"), Seed("004", "Resource names must include environmentSuffix for uniqueness")],
        params: ["stack.environment_suffix"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.stack.environment_suffix != Some(true) {
        return ctx.param_not_set("stack.environment_suffix");
    }
    let Some(suffix) = ctx.inventory.meta().environment_suffix.as_deref() else {
        return vec![Finding::new(
            ResourceRef::stack(),
            Status::Error,
            "the environment suffix is unknown: add an EnvironmentSuffix output or pass --environment-suffix",
        )];
    };
    super::named_resources(ctx.inventory.all())
        .into_iter()
        .map(|(resource, name)| {
            Finding::verdict(
                resource,
                name.contains(suffix),
                name.to_string(),
                format!("{name} lacks {suffix}", suffix = W(&suffix)),
            )
            .with(Evidence::new(
                "name",
                name,
                format!("contains {suffix}"),
                "describe calls",
            ))
        })
        .collect()
}
