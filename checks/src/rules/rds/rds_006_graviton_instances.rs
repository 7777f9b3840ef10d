use super::super::prelude::*;

declare_check! {
    /// Seeds ask for ARM (Graviton) compute everywhere for cost; Aurora instance classes name
    /// Graviton with a `g` after the generation (`db.r6g`, `db.t4g`, `db.r7g`).
    ///
    /// # Remediation
    /// Modify each instance to the Graviton class of the same size (`db.r6i.large` → `db.r6g.large`).
    CHECK {
        id: "RDS-006",
        title: "Aurora instances use Graviton classes",
        severity: Low,
        references: [Seed("000", "All compute resources must use ARM-based instances (Graviton)")],
        params: ["compute.graviton_databases"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.compute.graviton_databases != Some(true) {
        return ctx.param_not_set("compute.graviton_databases");
    }
    ctx.each(ctx.inventory.db_instances(), &[], |instance| {
        let class = instance.instance_class.as_str();
        let evidence = Evidence::new(
            "instance_class",
            class,
            "a Graviton class (db.<family><gen>g.*)",
            op::RDS_INSTANCES,
        );
        if class == "db.serverless" {
            return Finding::skip(
                instance.reference(),
                "Serverless v2: AWS chooses the processor",
            )
            .with(evidence);
        }
        Finding::verdict(
            instance.reference(),
            is_graviton(class),
            "Graviton class",
            format!("{class} is not a Graviton class"),
        )
        .with(evidence)
    })
}

/// `db.r6g.large` → family+generation `r6g` ends in `g` (also `r6gd`, `x2g`).
fn is_graviton(class: &str) -> bool {
    let family = class
        .strip_prefix("db.")
        .and_then(|rest| rest.split('.').next())
        .unwrap_or("");
    let after_generation = family
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches(|c: char| c.is_ascii_digit());
    after_generation.starts_with('g')
}
