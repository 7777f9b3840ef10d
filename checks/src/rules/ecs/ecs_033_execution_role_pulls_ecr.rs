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
        .task_definitions
        .iter()
        .filter(|t| t.containers.iter().any(|c| c.image.contains(".dkr.ecr.")));
    ctx.each(from_ecr, &[], |task| {
        let Some(role) = task
            .execution_role_arn
            .as_deref()
            .and_then(|arn| super::super::iam::role_by_arn(ctx.inventory, arn))
        else {
            return Finding::fail(
                task.reference(),
                "ECR images but no execution role in the stack",
            )
            .with(Evidence::new(
                "execution_role_arn",
                &task.execution_role_arn,
                "a role of the stack",
                op::ECS_TASK_DEFINITION,
            ));
        };
        let repository = task
            .containers
            .iter()
            .find_map(|c| super::ecr_repository_arn(&c.image))
            .unwrap_or_default();
        let mut missing = Vec::new();
        for action in PULL {
            let resource = if action == "ecr:GetAuthorizationToken" {
                "*"
            } else {
                repository.as_str()
            };
            match super::super::iam::role_allows(role, action, resource) {
                None => {
                    return Finding::new(
                        task.reference(),
                        Status::Error,
                        format!("a policy document of {} was not collected", role.name),
                    );
                }
                Some(false) => missing.push(action),
                Some(true) => {}
            }
        }
        Finding::verdict(
            task.reference(),
            missing.is_empty(),
            format!("{} may pull", role.name),
            format!("{} lacks {missing:?}", role.name),
        )
        .with(Evidence::new(
            "execution role policies",
            &missing,
            format!("{PULL:?}"),
            op::IAM_POLICIES,
        ))
    })
}
