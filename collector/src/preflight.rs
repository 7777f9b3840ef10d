//! Preflight: before any collection, resolve credentials and ask `sts:GetCallerIdentity` once.
//! A target that cannot be reached, or credentials that cannot be found, stop the command with
//! one line saying what was tried and what to do — not with an `error` on every check.

use aws_credential_types::provider::ProvideCredentials;
use aws_types::SdkConfig;

use crate::failure::fetch_error;

/// Who the collection runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub account: String,
    /// The caller's ARN (user, assumed role …).
    pub arn: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PreflightError {
    #[error(
        "no AWS credentials ({0}). The SDK's chain looked in the environment \
         (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), the shared config and credentials files \
         (AWS_PROFILE, SSO sessions), web identity (AWS_ROLE_ARN with \
         AWS_WEB_IDENTITY_TOKEN_FILE, as CI OIDC sets them), the container credentials endpoint \
         and instance metadata. Provide credentials for the stack's account, for example a role \
         with the policy `stackproof permissions check` prints"
    )]
    NoCredentials(String),
    #[error("{operation}: {message} (before collecting anything; nothing was checked)")]
    Identity { operation: String, message: String },
}

/// Resolves the credentials `config` carries and asks who they belong to.
pub async fn identity(config: &SdkConfig) -> Result<Identity, PreflightError> {
    let provider = config
        .credentials_provider()
        .ok_or_else(|| PreflightError::NoCredentials("no credential provider is set".into()))?;
    provider
        .provide_credentials()
        .await
        .map_err(|error| PreflightError::NoCredentials(error.to_string()))?;
    let answer = (stackproof_clients::AwsClients::plain(config).sts)
        .get_caller_identity()
        .send()
        .await
        .map_err(|error| {
            let error = fetch_error("sts:GetCallerIdentity", &error);
            PreflightError::Identity {
                operation: error.operation,
                message: error.message,
            }
        })?;
    Ok(Identity {
        account: answer.account().unwrap_or_default().to_string(),
        arn: answer.arn().unwrap_or_default().to_string(),
    })
}
