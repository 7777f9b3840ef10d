use super::super::prelude::*;

declare_check! {
    /// The execution role pulls images and reads secrets for the agent; the task role is what the
    /// application code gets. One role for both hands the application the agent's secrets.
    ///
    /// # Remediation
    /// Create a separate task role with only what the application calls, and register a new revision.
    CHECK {
        id: "ECS-012",
        title: "Execution role and task role are different roles",
        severity: Medium,
        references: [PciDss4("7.2.2"), Seed("004", "Task execution roles with permissions to pull ECR images and fetch secrets"), Seed("004", "Task roles with service-specific permissions following least privilege")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.task_definitions(), &[], |task| {
        let same = task.task_role_arn.is_some() && task.task_role_arn == task.execution_role_arn;
        Finding::verdict(
            task.reference(),
            !same,
            "separate roles",
            "the task role is the execution role",
        )
        .with(Evidence::new(
            "task_role_arn",
            &task.task_role_arn,
            format!(
                "≠ {}",
                task.execution_role_arn.as_deref().unwrap_or("(none)")
            ),
            op::ECS_TASK_DEFINITION,
        ))
    })
}
