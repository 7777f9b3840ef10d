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
    super::judge_containers(
        ctx,
        "containers[].privileged",
        "no privileged containers",
        "privileged containers",
        |c| super::named_if(c, c.privileged == Some(true)),
    )
}
