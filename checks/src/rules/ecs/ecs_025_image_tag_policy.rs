use super::super::prelude::*;

declare_check! {
    /// Which image runs where is a release-control decision: production runs only versioned images,
    /// staging only staging builds.
    ///
    /// # Remediation
    /// Register a revision whose image tag matches the environment's pattern.
    CHECK {
        id: "ECS-025",
        title: "Container images carry the tag the environment allows",
        severity: Medium,
        references: [Seed("003", "ECS task definitions that automatically pull the correct container images based on environment (dev uses :latest, staging uses :staging-*, prod uses :v*.*.*)")],
        params: ["compute.image_tag_pattern"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(pattern) = &ctx.profile.compute.image_tag_pattern else {
        return ctx.param_not_set("compute.image_tag_pattern");
    };
    let Ok(glob) = globset::Glob::new(pattern).map(|g| g.compile_matcher()) else {
        return vec![Finding::new(
            ResourceRef::stack(),
            Status::Error,
            format!(
                "invalid glob {pattern} in compute.image_tag_pattern",
                pattern = W(&pattern)
            ),
        )];
    };
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let wrong: Vec<&str> = task
            .containers
            .iter()
            .map(|c| c.image.as_str())
            .filter(|image| !super::image_tag(image).is_some_and(|tag| glob.is_match(tag)))
            .collect();
        Finding::verdict(
            task.reference(),
            wrong.is_empty(),
            format!("tags match {pattern}"),
            format!("images not tagged {pattern}: {wrong}", wrong = W(&wrong)),
        )
        .with(Evidence::new(
            "containers[].image",
            &wrong,
            pattern.clone(),
            op::ECS_TASK_DEFINITION,
        ))
    })
}
