use super::super::prelude::*;
use crate::inventory::TemplateResourceState;

declare_check! {
    /// In template mode, the verdict covers only what the checks could read. A resource that
    /// changes something the template does not declare — a bucket policy for a bucket made
    /// elsewhere, an IAM policy for an imported role, an alias of a key from another stack — is
    /// judged by no check, so its absence from the failures proves nothing. Resources that exist
    /// only under other parameter values, and types no check covers, are listed so the reader
    /// knows what the verdict does not speak for.
    ///
    /// # Remediation
    /// Check the stack that declares the changed resource, or declare it here; give `--parameter`
    /// values that create the conditional resources to judge them too.
    CHECK {
        id: "INV-003",
        title: "Every resource the template declares is judged",
        severity: High,
        references: [PciDss4("12.5.1")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let resources = &ctx.inventory.meta().template_resources;
    if resources.is_empty() {
        return vec![Finding::skip(
            ResourceRef::stack(),
            "not a template: a deployed stack's resources are what the collector found",
        )];
    }
    resources
        .iter()
        .map(|(logical, resource)| {
            let subject = ResourceRef::new("template-resource", logical);
            let detail = &resource.detail;
            let kind = &resource.resource_type;
            match resource.state {
                TemplateResourceState::Judged => {
                    Finding::pass(subject, format!("{kind} read as {detail}"))
                }
                TemplateResourceState::NotCreated => Finding::skip(
                    subject,
                    format!("{kind} not created with these parameters: {detail}"),
                ),
                TemplateResourceState::NotCovered => {
                    Finding::skip(subject, format!("no check covers {kind}"))
                }
                TemplateResourceState::Unattached => Finding::new(
                    subject,
                    Status::Error,
                    format!("{kind} not judged: {detail}"),
                ),
            }
            .with(Evidence::new("state", resource.state, "judged", "template"))
        })
        .collect()
}
