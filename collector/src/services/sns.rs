//! SNS: topic attributes.

use stackproof_checks::inventory::{FetchErrors, MissingResource, SnsTopic};

use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

pub async fn collect(clients: &Clients, arn: &str) -> Result<SnsTopic, MissingResource> {
    let name = arn.rsplit(':').next().unwrap_or(arn).to_string();
    match clients
        .sns
        .get_topic_attributes()
        .topic_arn(arn)
        .send()
        .await
    {
        Ok(output) => {
            let attributes = output.attributes();
            Ok(SnsTopic {
                arn: arn.to_string(),
                name,
                kms_master_key_id: attributes
                    .and_then(|a| a.get("KmsMasterKeyId"))
                    .filter(|k| !k.is_empty())
                    .cloned(),
                tags: Default::default(),
                errors: FetchErrors::new(),
            })
        }
        Err(error) if is_not_found(&error) => Err(MissingResource {
            kind: "sns-topic".into(),
            id: arn.to_string(),
            output_key: None,
            operation: "sns:GetTopicAttributes".into(),
        }),
        Err(error) => Ok(SnsTopic {
            arn: arn.to_string(),
            name,
            errors: [(
                "*".to_string(),
                fetch_error("sns:GetTopicAttributes", &error),
            )]
            .into(),
            ..SnsTopic::default()
        }),
    }
}
