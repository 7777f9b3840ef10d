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
    super::judge_containers(
        ctx,
        "containers[].readonly_root_filesystem",
        "read-only root filesystems",
        "writable root filesystems",
        |c| super::named_if(c, c.readonly_root_filesystem != Some(true)),
    )
}
