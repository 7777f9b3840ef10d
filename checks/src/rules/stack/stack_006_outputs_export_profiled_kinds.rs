use super::super::prelude::*;

declare_check! {
    /// Outputs are the stack's contract with whoever consumes it (applications, other stacks, this
    /// tool): an endpoint that is not exported gets hard-coded somewhere instead.
    ///
    /// # Remediation
    /// Export the missing values as stack outputs (DNS names, endpoints, names or ARNs).
    CHECK {
        id: "STACK-006",
        title: "The outputs export the profiled kinds of resources",
        severity: Medium,
        references: [Seed("000", "Stack outputs for ALB DNS name, RDS endpoint, and S3 bucket names"), Seed("001", "Export all critical resource ARNs and endpoints as stack outputs"), Seed("002", "Include all connection endpoints as stack outputs"), Seed("004", "Stack outputs for ALB DNS, service ARNs, and infrastructure IDs")],
        params: ["stack.required_outputs"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(kinds) = &ctx.profile.stack.required_outputs else {
        return ctx.param_not_set("stack.required_outputs");
    };
    let outputs = &ctx.inventory.meta().outputs;
    kinds
        .iter()
        .map(|kind| {
            let keys: Vec<&String> = outputs
                .iter()
                .filter(|(_, classified)| {
                    classified.as_str() == kind
                        || classified
                            .strip_prefix(kind.as_str())
                            .is_some_and(|rest| rest.starts_with('-'))
                })
                .map(|(key, _)| key)
                .collect();
            Finding::verdict(
                ResourceRef::new("output-kind", kind),
                !keys.is_empty(),
                format!("exported as {keys}", keys = W(&keys)),
                "no output of this kind",
            )
            .with(Evidence::new(
                "outputs (key → kind)",
                outputs,
                format!("an output of kind {kind}"),
                op::OUTPUTS,
            ))
        })
        .collect()
}
