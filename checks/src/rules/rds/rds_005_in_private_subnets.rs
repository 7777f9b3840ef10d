use super::super::prelude::*;

declare_check! {
    /// A database subnet group that includes a public subnet lets an instance land where the
    /// internet gateway routes, one setting away from exposure.
    ///
    /// # Remediation
    /// Recreate the DB subnet group with the private subnets only.
    CHECK {
        id: "RDS-005",
        title: "Aurora clusters use private subnets only",
        severity: High,
        references: [PciDss4("1.4.4"), Seed("000", "Deployed in private subnets only")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.db_clusters(), &["subnet_ids"], |cluster| {
        let public = ctx.public_subnets_among(&cluster.subnet_ids);
        let unknown: Vec<&String> = cluster
            .subnet_ids
            .iter()
            .filter(|id| !ctx.inventory.subnets().iter().any(|s| &s.id == *id))
            .collect();
        let evidence = Evidence::new(
            "db_subnet_group.subnet_ids",
            &cluster.subnet_ids,
            "private subnets only",
            op::RDS_CLUSTERS,
        );
        if cluster.subnet_ids.is_empty() || !unknown.is_empty() {
            return Finding::new(
                cluster.reference(),
                crate::result::Status::Error,
                format!(
                    "subnets not in the inventory: {unknown}",
                    unknown = W(&unknown)
                ),
            )
            .with(evidence);
        }
        Finding::verdict(
            cluster.reference(),
            public.is_empty(),
            "private subnets only",
            format!(
                "public subnets in the DB subnet group: {public}",
                public = W(&public)
            ),
        )
        .with(evidence)
    })
}
