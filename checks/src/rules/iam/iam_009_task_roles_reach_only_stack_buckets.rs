use super::super::prelude::*;

declare_check! {
    /// A task role that can read any bucket turns one compromised container into a read of the whole
    /// account's data.
    ///
    /// # Remediation
    /// Scope S3 statements to `arn:aws:s3:::<stack bucket>` and `arn:aws:s3:::<stack bucket>/*`.
    CHECK {
        id: "IAM-009",
        title: "Task roles reach only the stack's own buckets",
        severity: High,
        references: [PciDss4("7.2.2"), Seed("000", "ECS task roles can access RDS and S3"), Seed("000", "No overly permissive wildcard permissions")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let roles = ctx.inventory.roles.iter().filter(|r| {
        ctx.inventory
            .task_definitions
            .iter()
            .any(|t| t.task_role_arn.as_deref() == Some(r.arn.as_str()))
    });
    ctx.each(roles, &["inline_policies", "attached_policies"], |role| {
        super::judge_statements(
            role,
            "S3 access outside the stack buckets",
            "only the stack's buckets",
            |s| {
                let s3 = s
                    .actions
                    .iter()
                    .any(|a| a.to_ascii_lowercase().starts_with("s3:") || a == "*");
                let foreign: Vec<&String> = s
                    .resources
                    .iter()
                    .filter(|r| r.as_str() == "*" || r.starts_with("arn:aws:s3:::"))
                    .filter(|r| {
                        let bucket = r
                            .trim_start_matches("arn:aws:s3:::")
                            .split('/')
                            .next()
                            .unwrap_or("");
                        !ctx.inventory.buckets.iter().any(|b| b.name == bucket)
                    })
                    .collect();
                (s3 && !foreign.is_empty()).then(|| format!("S3 on {foreign:?}"))
            },
        )
    })
}
