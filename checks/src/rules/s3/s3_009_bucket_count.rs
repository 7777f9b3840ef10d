use super::super::prelude::*;

declare_check! {
    /// The spec names its buckets (logs, data, raw, processed); a missing one means data lands
    /// somewhere the controls do not reach.
    ///
    /// # Remediation
    /// Create the missing buckets with the stack and export their names.
    CHECK {
        id: "S3-009",
        title: "The stack has the profiled number of buckets",
        severity: Low,
        references: [Seed("000", "S3 bucket for application logs"), Seed("000", "S3 bucket for processed transaction data"), Seed("001", "S3 buckets for raw data ingestion and processed analytics")],
        params: ["storage.min_buckets"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(min) = ctx.profile.storage.min_buckets else {
        return ctx.param_not_set("storage.min_buckets");
    };
    let names: Vec<&str> = ctx
        .readable(ctx.inventory.buckets())
        .map(|b| b.name.as_str())
        .collect();
    let unreadable = ctx.inventory.buckets().len() - names.len();
    let finding = if names.len() < min && unreadable > 0 {
        Finding::new(
            ResourceRef::stack(),
            Status::Error,
            format!(
                "{} buckets found, {unreadable} could not be read",
                names.len()
            ),
        )
    } else {
        Finding::verdict(
            ResourceRef::stack(),
            names.len() >= min,
            format!("{} buckets", names.len()),
            format!("{} buckets, expected at least {min}", names.len()),
        )
    };
    vec![finding.with(Evidence::new(
        "buckets",
        &names,
        format!("≥ {min}"),
        op::S3_LIST,
    ))]
}
