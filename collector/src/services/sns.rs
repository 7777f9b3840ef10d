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
            let mut errors = FetchErrors::new();
            let topic_tags = match clients
                .sns
                .list_tags_for_resource()
                .resource_arn(arn)
                .send()
                .await
            {
                Ok(listed) => listed
                    .tags()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect(),
                Err(error) => {
                    errors.insert(
                        "tags".into(),
                        fetch_error("sns:ListTagsForResource", &error),
                    );
                    Default::default()
                }
            };
            Ok(SnsTopic {
                arn: arn.to_string(),
                name,
                kms_master_key_id: attributes
                    .and_then(|a| a.get("KmsMasterKeyId"))
                    .filter(|k| !k.is_empty())
                    .cloned(),
                tags: topic_tags,
                errors,
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

/// Publishes `message` to a topic (drift alerts); the message id, or the failed call.
pub async fn publish(
    config: &aws_types::SdkConfig,
    topic_arn: &str,
    subject: &str,
    message: &str,
) -> Result<String, stackproof_checks::inventory::FetchError> {
    let clients = stackproof_clients::AwsClients::plain(config);
    clients
        .sns
        .publish()
        .topic_arn(topic_arn)
        .subject(subject)
        .message(message)
        .send()
        .await
        .map(|output| output.message_id().unwrap_or_default().to_string())
        .map_err(|error| fetch_error("sns:Publish", &error))
}
