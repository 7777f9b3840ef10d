use super::super::prelude::*;

declare_check! {
    /// A shared task role gives every service the union of all services' permissions.
    ///
    /// # Remediation
    /// Create one task role per service with only that service's permissions.
    CHECK {
        id: "ECS-029",
        title: "Each service has a task role of its own",
        severity: Medium,
        references: [PciDss4("7.2.1"), Seed("004", "Separate IAM roles for each service type with only required permissions")],
        params: ["compute.distinct_task_roles"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.compute.distinct_task_roles != Some(true) {
        return ctx.param_not_set("compute.distinct_task_roles");
    }
    let tasks = ctx.inventory.task_definitions();
    ctx.each(tasks, &[], |task| {
        let sharing: Vec<&str> = (task.task_role_arn.as_deref())
            .map_or(&[][..], |role| ctx.tasks_with_task_role(role))
            .iter()
            .filter(|other| other.family != task.family)
            .map(|other| other.family.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            task.task_role_arn.is_some() && sharing.is_empty(),
            "own task role",
            format!(
                "task role {} shared with {sharing}",
                W(&task.task_role_arn),
                sharing = W(&sharing)
            ),
        )
        .with(Evidence::new(
            "task_role_arn",
            &task.task_role_arn,
            "unique per family",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
