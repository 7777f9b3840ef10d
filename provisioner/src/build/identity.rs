//! KMS keys, IAM roles, secrets, SNS topics.

use aws_sdk_iam::types::Tag as IamTag;

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;

impl Builder {
    /// A customer-managed symmetric key with rotation on, and an alias.
    pub async fn kms_key(&mut self, base: &str) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let tags = self.tags(&name).into_iter().map(|(k, v)| {
            aws_sdk_kms::types::Tag::builder()
                .tag_key(k)
                .tag_value(v)
                .build()
                .expect("tag")
        });
        let output = self
            .kms
            .create_key()
            .description(&name)
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(output.key_metadata().map(|m| m.key_id().to_string()), &name)?;
        self.record(Kind::KmsKey, &id, &[])?;
        self.kms
            .enable_key_rotation()
            .key_id(&id)
            .send()
            .await
            .map_err(failed(&name))?;
        let alias = format!("alias/{name}");
        self.kms
            .create_alias()
            .alias_name(&alias)
            .target_key_id(&id)
            .send()
            .await
            .map_err(failed(&alias))?;
        self.record(Kind::KmsAlias, &alias, &[])?;
        Ok(id)
    }

    /// A role assumable by `service`, with an inline policy and managed policies.
    pub async fn role(
        &mut self,
        base: &str,
        service: &str,
        inline: Option<serde_json::Value>,
        managed: &[&str],
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let trust = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]
        });
        let tags = self
            .tags(&name)
            .into_iter()
            .map(|(k, v)| IamTag::builder().key(k).value(v).build().expect("tag"));
        let output = self
            .iam
            .create_role()
            .role_name(&name)
            .assume_role_policy_document(trust.to_string())
            .set_tags(Some(tags.collect()))
            .send()
            .await
            .map_err(failed(&name))?;
        let arn = required(output.role().map(|r| r.arn().to_string()), &name)?;
        self.record(Kind::Role, &name, &[])?;
        if let Some(policy) = inline {
            self.iam
                .put_role_policy()
                .role_name(&name)
                .policy_name(format!("{base}-policy"))
                .policy_document(policy.to_string())
                .send()
                .await
                .map_err(failed(&name))?;
        }
        for policy in managed {
            self.iam
                .attach_role_policy()
                .role_name(&name)
                .policy_arn(*policy)
                .send()
                .await
                .map_err(failed(&name))?;
        }
        Ok(arn)
    }

    /// A secret encrypted with `key`; returns its ARN.
    pub async fn secret(
        &mut self,
        base: &str,
        value: &str,
        key: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .secrets
            .create_secret()
            .name(&name)
            .secret_string(value)
            .kms_key_id(key)
            .set_tags(Some(
                self.tags(&name)
                    .into_iter()
                    .map(|(k, v)| {
                        aws_sdk_secretsmanager::types::Tag::builder()
                            .key(k)
                            .value(v)
                            .build()
                    })
                    .collect(),
            ))
            .send()
            .await
            .map_err(failed(&name))?;
        let arn = required(output.arn().map(str::to_string), &name)?;
        self.record(Kind::Secret, &arn, &[])?;
        Ok(arn)
    }

    /// An SNS topic encrypted with `key`; returns its ARN.
    pub async fn topic(&mut self, base: &str, key: &str) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let output = self
            .sns
            .create_topic()
            .name(&name)
            .attributes("KmsMasterKeyId", key)
            .set_tags(Some(
                self.tags(&name)
                    .into_iter()
                    .map(|(k, v)| aws_sdk_sns::types::Tag::builder().key(k).value(v).build())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(failed(&name))?,
            ))
            .send()
            .await
            .map_err(failed(&name))?;
        let arn = required(output.topic_arn().map(str::to_string), &name)?;
        self.record(Kind::SnsTopic, &arn, &[])?;
        Ok(arn)
    }
}
