use super::super::prelude::*;

declare_check! {
    /// A writable root filesystem lets an intruder drop tools and persist changes inside the container;
    /// read-only roots with explicit volumes for scratch space close that door.
    ///
    /// # Remediation
    /// Set `readonlyRootFilesystem: true` and mount a volume for any path the process must write.
    CHECK {
        id: "ECS-004",
        title: "Containers have a read-only root filesystem",
        severity: Medium,
        references: [Fsbp("ECS.5"), PciDss4("2.2.5")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(&ctx.inventory.task_definitions, &[], |task| {
        let offending: Vec<&str> = task
            .containers
            .iter()
            .filter(|c| c.readonly_root_filesystem != Some(true))
            .map(|c| c.name.as_str())
            .collect();
        Finding::verdict(
            task.reference(),
            offending.is_empty(),
            "read-only root filesystems",
            format!("writable root filesystems: {offending:?}"),
        )
        .with(Evidence::new(
            "containers[].readonly_root_filesystem",
            &offending,
            "read-only root filesystems",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
