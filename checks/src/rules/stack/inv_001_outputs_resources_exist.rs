use super::super::prelude::*;

declare_check! {
    /// Every resource the stack's outputs name must exist: a missing one means the stack
    /// drifted (deleted by hand, failed update) and nothing checked about it can be trusted.
    ///
    /// # Remediation
    /// Redeploy the stack, or remove the stale output.
    CHECK {
        id: "INV-001",
        title: "Every resource named in the outputs exists",
        severity: High,
        references: [Seed("003", "Stack outputs"), PciDss4("12.5.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ctx
        .inventory
        .missing()
        .iter()
        .map(|missing| {
            Finding::fail(
                ResourceRef::new(&missing.kind, &missing.id),
                format!(
                    "named by output {} but not found",
                    missing.output_key.as_deref().unwrap_or("?")
                ),
            )
            .with(Evidence::new("exists", false, "true", &missing.operation))
        })
        .collect();
    if findings.is_empty() && ctx.inventory.meta().outputs_file.is_some() {
        findings.push(Finding::pass(
            ResourceRef::stack(),
            "every resource named in the outputs was found",
        ));
    }
    findings
}
