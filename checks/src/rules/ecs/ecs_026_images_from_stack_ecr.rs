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
    let attribute = "containers[].image";
    super::judge_references(
        ctx,
        attribute,
        ("images", "from no ECR repository of the stack"),
        |c| {
            let ownership = match ctx.image_repository(&c.image) {
                Some(repository) => {
                    let ids = [repository.arn.as_str(), &repository.uri];
                    super::Ownership::of(true, ctx.is_stacks_own(&repository.name, &ids))
                }
                None => super::Ownership::Missing,
            };
            vec![(c.image.clone(), ownership)]
        },
    )
}
