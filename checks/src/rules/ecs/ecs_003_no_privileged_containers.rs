use super::super::prelude::*;

declare_check! {
    /// A privileged container has root on the host: one compromised process owns every task beside it.
    ///
    /// # Remediation
    /// Remove `privileged: true` from the container definition and register a new revision.
    CHECK {
        id: "ECS-003",
        title: "No container runs privileged",
        severity: High,
        references: [Fsbp("ECS.4"), PciDss4("2.2.5")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(&ctx.inventory.task_definitions, &[], |task| {
        let offending: Vec<&str> = task
            .containers
            .iter()
            .filter(|c| c.privileged == Some(true))
            .map(|c| c.name.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            "no privileged containers",
            format!("privileged containers: {offending:?}"),
        )
        .with(Evidence::new(
            "containers[].privileged",
            &offending,
            "no privileged containers",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
