use super::super::prelude::*;

declare_check! {
    /// A credential that never changes stays valid for whoever copied it once.
    ///
    /// # Remediation
    /// `aws secretsmanager rotate-secret --rotation-rules AutomaticallyAfterDays=<n>` with a rotation function.
    CHECK {
        id: "SEC-001",
        title: "Secrets rotate automatically within the profiled interval",
        severity: High,
        references: [Fsbp("SecretsManager.1"), Fsbp("SecretsManager.4"), PciDss4("8.3.9"), Seed("001", "AWS Secrets Manager for database credentials rotation to improve security posture")],
        params: ["platform.secret_rotation_days"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(max_days) = ctx.profile.platform.secret_rotation_days else {
        return ctx.param_not_set("platform.secret_rotation_days");
    };
    ctx.each(ctx.inventory.secrets(), &[], |secret| {
        if let (true, None, Some(schedule)) = (
            secret.rotation_enabled,
            secret.rotation_days,
            &secret.rotation_schedule,
        ) {
            // A cron schedule has no single interval: it cannot be compared with the profile.
            return Finding::new(
                secret.reference(),
                Status::Error,
                format!(
                    "rotation runs on the schedule {schedule}, which has no single interval in \
                     days to compare with ≤ {max_days}; use rate({max_days} days) or \
                     AutomaticallyAfterDays, or waive with the schedule reviewed"
                ),
            )
            .with(Evidence::new(
                "rotation_rules.schedule_expression",
                schedule,
                format!("an interval ≤ {max_days} days"),
                op::SECRETS_DESCRIBE,
            ));
        }
        let ok = secret.rotation_enabled && secret.rotation_days.is_some_and(|d| d <= max_days);
        Finding::verdict(
            secret.reference(),
            ok,
            format!("every {} days", W(&secret.rotation_days)),
            format!(
                "rotation {} every {} days, expected ≤ {max_days}",
                if secret.rotation_enabled { "on" } else { "off" },
                W(&secret.rotation_days)
            ),
        )
        .with(Evidence::new(
            "rotation_rules.automatically_after_days",
            secret.rotation_days,
            format!("≤ {max_days}"),
            op::SECRETS_DESCRIBE,
        ))
    })
}
