//! Secrets Manager: secret metadata (never the value).

use stackproof_checks::inventory::{FetchErrors, MissingResource, Secret};

use super::{tags, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

pub async fn collect(clients: &Clients, reference: &str) -> Result<Secret, MissingResource> {
    match clients
        .secrets
        .describe_secret()
        .secret_id(reference)
        .send()
        .await
    {
        Ok(s) => Ok(Secret {
            arn: text(s.arn()),
            name: text(s.name()),
            kms_key_id: s.kms_key_id().map(str::to_string),
            rotation_enabled: s.rotation_enabled().unwrap_or(false),
            rotation_days: s.rotation_rules().and_then(|r| {
                (r.automatically_after_days())
                    .or_else(|| r.schedule_expression().and_then(rate_days))
            }),
            rotation_schedule: (s.rotation_rules())
                .and_then(|r| r.schedule_expression())
                .map(str::to_string),
            owning_service: s.owning_service().map(str::to_string),
            tags: tags(s.tags().iter().map(|t| (t.key(), t.value()))),
            errors: FetchErrors::new(),
        }),
        Err(error) if is_not_found(&error) => Err(MissingResource {
            kind: "secret".into(),
            id: reference.to_string(),
            output_key: None,
            operation: "secretsmanager:DescribeSecret".into(),
        }),
        Err(error) => Ok(Secret {
            arn: reference.to_string(),
            name: reference.to_string(),
            errors: [(
                "*".to_string(),
                fetch_error("secretsmanager:DescribeSecret", &error),
            )]
            .into(),
            ..Secret::default()
        }),
    }
}

/// The interval of a `rate(N days)` or `rate(N hours)` rotation schedule, in whole days (rounded
/// up); `None` for cron schedules, which have no single interval.
fn rate_days(expression: &str) -> Option<i64> {
    let inner = expression.trim().strip_prefix("rate(")?.strip_suffix(')')?;
    let (count, unit) = inner.trim().split_once(' ')?;
    let count: i64 = count.parse().ok()?;
    match unit.trim() {
        "day" | "days" => Some(count),
        "hour" | "hours" => Some((count + 23) / 24),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::rate_days;

    #[test]
    fn rotation_schedules_give_their_interval_in_days() {
        assert_eq!(rate_days("rate(30 days)"), Some(30));
        assert_eq!(rate_days("rate(1 day)"), Some(1));
        assert_eq!(rate_days("rate(4 hours)"), Some(1));
        assert_eq!(rate_days("rate(48 hours)"), Some(2));
        assert_eq!(rate_days("cron(0 16 1,15 * ? *)"), None);
        assert_eq!(rate_days("rate(x days)"), None);
    }
}
