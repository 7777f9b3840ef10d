use super::super::prelude::*;

declare_check! {
    /// A name with `prod` baked in is deployed by the dev pipeline too, and then dev and prod share
    /// or fight over it.
    ///
    /// # Remediation
    /// Derive the name from the suffix or environment parameter instead of a literal.
    CHECK {
        id: "STACK-003",
        title: "No resource name hard-codes an environment name",
        severity: Medium,
        references: [Seed("000", "No hardcoded environment names like \"prod\" or \"dev\""), Seed("003", "Regions: Hardcoded `us-east-1` or `us-west-2` in resource names"), Seed("003", "Account IDs: `123456789012`")],
        params: ["stack.forbidden_name_words"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(words) = &ctx.profile.stack.forbidden_name_words else {
        return ctx.param_not_set("stack.forbidden_name_words");
    };
    super::named_resources(ctx.inventory.all())
        .into_iter()
        .map(|(resource, name)| {
            let lower = name.to_ascii_lowercase();
            // Plain words match whole name parts; words with separators (`us-east-1`) match anywhere.
            let found: Vec<&String> = words
                .iter()
                .filter(|w| {
                    let w = w.to_ascii_lowercase();
                    if w.chars().all(|c| c.is_ascii_alphanumeric()) {
                        lower
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .any(|part| part == w)
                    } else {
                        lower.contains(&w)
                    }
                })
                .collect();
            Finding::verdict(
                resource,
                found.is_empty(),
                name.to_string(),
                format!("{name} contains {found}", found = W(&found)),
            )
            .with(Evidence::new(
                "name",
                name,
                format!("none of {words}", words = W(&words)),
                "describe calls",
            ))
        })
        .collect()
}
