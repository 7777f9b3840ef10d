use super::super::prelude::*;

declare_check! {
    /// Tags are how cost, ownership and automation find a stack's resources; an untagged resource is
    /// orphaned the day it is created.
    ///
    /// # Remediation
    /// Add the missing tags (`aws resourcegroupstaggingapi tag-resources`).
    CHECK {
        id: "STACK-004",
        title: "Taggable resources carry the required tags",
        severity: Low,
        references: [Seed("000", "All resources must include proper tagging"), Seed("003", "Example: myresource-${environmentSuffix} or tagging with EnvironmentSuffix")],
        params: ["stack.required_tags"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(required) = &ctx.profile.stack.required_tags else {
        return ctx.param_not_set("stack.required_tags");
    };
    let not_read = &ctx.inventory.meta().not_read;
    super::tagged_resources(ctx.inventory.all())
        .into_iter()
        .map(|(resource, tags, error)| {
            if let Some(error) = error {
                return Finding::fetch_error(resource, "tags", error);
            }
            if not_read.contains(&format!("{}.tags", resource.kind)) {
                let error = crate::inventory::not_read_error(&resource.kind, "tags");
                return Finding::fetch_error(resource, "tags", &error);
            }
            let missing: Vec<&String> = required
                .iter()
                .filter(|k| !tags.contains_key(k.as_str()))
                .collect();
            Finding::verdict(
                resource,
                missing.is_empty(),
                "tagged",
                format!("missing tags {missing}", missing = W(&missing)),
            )
            .with(Evidence::new(
                "tags",
                tags.keys().collect::<Vec<_>>(),
                format!("{required}", required = W(&required)),
                "describe/list-tags calls",
            ))
        })
        .collect()
}
