use super::super::prelude::*;

declare_check! {
    /// Scanning on push finds known CVEs before the image is deployed.
    ///
    /// # Remediation
    /// `aws ecr put-image-scanning-configuration --image-scanning-configuration scanOnPush=true`.
    CHECK {
        id: "ECR-002",
        title: "ECR repositories scan images on push",
        severity: Medium,
        references: [Fsbp("ECR.1"), PciDss4("6.3.3"), Seed("004", "Private ECR repositories with scan on push enabled")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.ecr_repositories(), &[], |repository| {
        Finding::verdict(
            repository.reference(),
            repository.scan_on_push,
            "scan on push",
            "no scan on push",
        )
        .with(Evidence::new(
            "image_scanning_configuration.scan_on_push",
            repository.scan_on_push,
            "true",
            op::ECR_REPOSITORIES,
        ))
    })
}
