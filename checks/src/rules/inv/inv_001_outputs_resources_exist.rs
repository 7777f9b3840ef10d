use super::super::prelude::*;

declare_check! {
    /// Every resource the stack's outputs name must exist: a missing one means the stack
    /// drifted (deleted by hand, failed update) and nothing checked about it can be trusted.
    /// A missing resource that only another resource refers to (a log group or secret a task
    /// definition names) is judged by the check of that reference, not here.
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
        .filter_map(|missing| Some((missing, missing.output_key.as_deref()?)))
        .map(|(missing, output)| {
            Finding::fail(
                ResourceRef::new(&missing.kind, &missing.id),
                format!("named by output {output} but not found"),
            )
            .with(Evidence::new("exists", false, "true", &missing.operation))
        })
        .collect();
    let meta = ctx.inventory.meta();
    if findings.is_empty() && meta.outputs_file.is_some() {
        // Outputs that name nothing collectable leave nothing to have found: no verdict.
        let named = (meta.outputs.values()).filter(|kind| AnchorKind::names_resource(kind));
        findings.push(match named.count() {
            0 => Finding::skip(
                ResourceRef::stack(),
                "the outputs name no resource stackproof collects",
            ),
            count => Finding::pass(
                ResourceRef::stack(),
                format!("every resource named in the outputs was found ({count} outputs)"),
            ),
        });
    }
    findings
}
