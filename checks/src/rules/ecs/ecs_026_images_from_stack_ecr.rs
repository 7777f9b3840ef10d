use super::super::prelude::*;

declare_check! {
    /// Images pulled from public registries bypass scanning, immutability and lifecycle rules the
    /// stack's repositories enforce.
    ///
    /// # Remediation
    /// Push the image to the stack's ECR repository and reference it by that URI.
    CHECK {
        id: "ECS-026",
        title: "Container images come from the stack's own ECR repositories",
        severity: Medium,
        references: [PciDss4("6.3.2"), Seed("004", "Container images must be stored in private ECR repositories with lifecycle policies")],
        params: ["compute.private_images"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.compute.private_images != Some(true) {
        return ctx.param_not_set("compute.private_images");
    }
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let foreign: Vec<&str> = task
            .containers
            .iter()
            .map(|c| c.image.as_str())
            .filter(|image| !ctx.image_from_stack_repository(image))
            .collect();
        Finding::verdict(
            task.reference(),
            foreign.is_empty(),
            "images from the stack's ECR",
            format!("images from elsewhere: {foreign}", foreign = W(&foreign)),
        )
        .with(Evidence::new(
            "containers[].image",
            &foreign,
            "an ECR repository of the stack",
            op::ECR_REPOSITORIES,
        ))
    })
}
