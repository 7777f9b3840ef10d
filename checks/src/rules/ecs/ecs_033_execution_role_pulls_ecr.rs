use super::super::prelude::*;

declare_check! {
    /// Tasks whose execution role cannot call `ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer`
    /// never start; found only at deploy time otherwise.
    ///
    /// # Remediation
    /// Attach `AmazonECSTaskExecutionRolePolicy` or grant the ECR pull actions on the repositories.
    CHECK {
        id: "ECS-033",
        title: "The execution role may pull its ECR images",
        severity: Medium,
        references: [Seed("004", "Proper IAM permissions for ECS task execution role to pull images")],
        params: [],
        evaluate: evaluate,
    }
}

const PULL: [&str; 3] = [
    "ecr:GetAuthorizationToken",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let from_ecr = ctx
        .inventory
        .task_definitions()
        .iter()
        .filter(|t| t.containers.iter().any(|c| c.image.contains(".dkr.ecr.")));
    ctx.each(from_ecr, &[], |task| {
        let repository = task
            .containers
            .iter()
            .find_map(|c| super::ecr_repository_arn(&c.image))
            .unwrap_or_default();
        let wanted: Vec<(&str, String)> = PULL
            .iter()
            .map(|action| {
                let resource = if *action == "ecr:GetAuthorizationToken" {
                    "*".to_string()
                } else {
                    repository.clone()
                };
                (*action, resource)
            })
            .collect();
        super::judge_execution_role(ctx, task, &wanted, "may pull its images")
    })
}
