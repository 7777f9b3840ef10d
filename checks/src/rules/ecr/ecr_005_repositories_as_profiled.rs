use super::super::prelude::*;

declare_check! {
    /// Each service's images belong in its own repository, so scanning, immutability and access are
    /// per service.
    ///
    /// # Remediation
    /// Create the missing repositories (`<service>-<suffix>`).
    CHECK {
        id: "ECR-005",
        title: "The stack has an ECR repository for each profiled service",
        severity: Medium,
        references: [Seed("004", "ECR repositories for three services: frontend, api-gateway, and processing-service")],
        params: ["platform.ecr_repositories"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(expected) = &ctx.profile.platform.ecr_repositories else {
        return ctx.param_not_set("platform.ecr_repositories");
    };
    expected
        .iter()
        .map(|service| {
            let found = ctx
                .inventory
                .ecr_repositories()
                .iter()
                .filter(|r| ctx.names_base(&r.name, service));
            ctx.exists(
                ResourceRef::new("ecr-repository", service),
                found,
                &format!("a repository named {service}"),
                op::ECR_REPOSITORIES,
            )
        })
        .collect()
}
