//! The analytics seed's optional services, where the emulator supports them: a Kinesis data
//! stream and an AWS Backup vault and plan.

use aws_sdk_backup::types::{BackupPlanInput, BackupRuleInput, Lifecycle};
use aws_sdk_kinesis::types::{EncryptionType, StreamMode, StreamModeDetails};

use super::{Builder, failed, required};
use crate::ProvisionError;
use crate::ledger::Kind;

impl Builder {
    /// An on-demand Kinesis data stream encrypted with `key`; returns its ARN.
    pub async fn kinesis_stream(
        &mut self,
        base: &str,
        key: &str,
    ) -> Result<String, ProvisionError> {
        let name = self.name(base);
        let mode = StreamModeDetails::builder()
            .stream_mode(StreamMode::OnDemand)
            .build()
            .map_err(failed(&name))?;
        self.kinesis
            .create_stream()
            .stream_name(&name)
            .stream_mode_details(mode)
            .send()
            .await
            .map_err(failed(&name))?;
        self.record(Kind::KinesisStream, &name, &[])?;
        self.kinesis
            .start_stream_encryption()
            .stream_name(&name)
            .encryption_type(EncryptionType::Kms)
            .key_id(key)
            .send()
            .await
            .map_err(failed(&name))?;
        let summary = self
            .kinesis
            .describe_stream_summary()
            .stream_name(&name)
            .send()
            .await
            .map_err(failed(&name))?;
        required(
            summary
                .stream_description_summary()
                .map(|d| d.stream_arn().to_string()),
            &name,
        )
    }

    /// A backup vault encrypted with `key` and a daily plan keeping recovery points `days`;
    /// returns the plan id.
    pub async fn backup_plan(
        &mut self,
        base: &str,
        key: &str,
        days: i64,
    ) -> Result<String, ProvisionError> {
        let vault = self.name(&format!("{base}-vault"));
        self.backup
            .create_backup_vault()
            .backup_vault_name(&vault)
            .encryption_key_arn(key)
            .send()
            .await
            .map_err(failed(&vault))?;
        self.record(Kind::BackupVault, &vault, &[])?;
        let name = self.name(&format!("{base}-plan"));
        let rule = BackupRuleInput::builder()
            .rule_name("daily")
            .target_backup_vault_name(&vault)
            .schedule_expression("cron(0 5 * * ? *)")
            .lifecycle(Lifecycle::builder().delete_after_days(days).build())
            .build()
            .map_err(failed(&name))?;
        let plan = BackupPlanInput::builder()
            .backup_plan_name(&name)
            .rules(rule)
            .build()
            .map_err(failed(&name))?;
        let output = self
            .backup
            .create_backup_plan()
            .backup_plan(plan)
            .send()
            .await
            .map_err(failed(&name))?;
        let id = required(output.backup_plan_id().map(str::to_string), &name)?;
        self.record(Kind::BackupPlan, &id, &[])?;
        Ok(id)
    }
}
