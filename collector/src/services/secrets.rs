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
            rotation_days: s
                .rotation_rules()
                .and_then(|r| r.automatically_after_days()),
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
