use super::super::prelude::*;

declare_check! {
    /// With mutable tags `v1.2.3` can be re-pushed: what runs is no longer what was scanned and approved.
    ///
    /// # Remediation
    /// `aws ecr put-image-tag-mutability --image-tag-mutability IMMUTABLE`.
    CHECK {
        id: "ECR-001",
        title: "ECR repositories have immutable tags",
        severity: Medium,
        references: [Fsbp("ECR.2"), Seed("004", "Tag immutability enabled to prevent accidental overwrites")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.ecr_repositories(), &[], |repository| {
        Finding::verdict(
            repository.reference(),
            repository.tag_mutability == "IMMUTABLE",
            "IMMUTABLE",
            format!("tags {}", repository.tag_mutability),
        )
        .with(Evidence::new(
            "image_tag_mutability",
            &repository.tag_mutability,
            "IMMUTABLE",
            op::ECR_REPOSITORIES,
        ))
    })
}
