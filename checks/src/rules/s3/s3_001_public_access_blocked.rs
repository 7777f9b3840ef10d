use super::super::prelude::*;

declare_check! {
    /// The four public-access-block settings are the one switch that keeps a bucket private
    /// whatever ACLs or policies are later added to it.
    ///
    /// # Remediation
    /// Turn on all four settings of the bucket's public access block.
    CHECK {
        id: "S3-001",
        title: "S3 buckets block all public access",
        severity: Critical,
        references: [Fsbp("S3.8"), Cis("2.1.4"), PciDss4("1.4.4"), Seed("000", "Proper encryption and access controls")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(
        ctx.inventory.buckets(),
        &["public_access_block"],
        |bucket| {
            let block = bucket.public_access_block.as_ref();
            Finding::verdict(
                bucket.reference(),
                block.is_some_and(PublicAccessBlock::all_blocked),
                "all public access blocked",
                "public access not fully blocked",
            )
            .with(Evidence::new(
                "public_access_block",
                block,
                "all four settings true",
                op::S3_PUBLIC_ACCESS,
            ))
        },
    )
}
