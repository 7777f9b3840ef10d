//! CloudWatch: dashboards (with their bodies) and alarms named by the outputs.

use stackproof_checks::inventory::{Alarm, Dashboard, FetchErrors, MissingResource};

use super::{policy_document, text};
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

pub async fn dashboard(clients: &Clients, name: &str) -> Result<Dashboard, MissingResource> {
    match clients
        .cloudwatch
        .get_dashboard()
        .dashboard_name(name)
        .send()
        .await
    {
        Ok(output) => Ok(Dashboard {
            name: text(output.dashboard_name()),
            arn: text(output.dashboard_arn()),
            body: output.dashboard_body().map(policy_document),
            errors: FetchErrors::new(),
        }),
        Err(error) if is_not_found(&error) => Err(MissingResource {
            kind: "dashboard".into(),
            id: name.to_string(),
            output_key: None,
            operation: "cloudwatch:GetDashboard".into(),
        }),
        Err(error) => Ok(Dashboard {
            name: name.to_string(),
            errors: [(
                "*".to_string(),
                fetch_error("cloudwatch:GetDashboard", &error),
            )]
            .into(),
            ..Dashboard::default()
        }),
    }
}

pub async fn alarm(clients: &Clients, reference: &str) -> Result<Alarm, MissingResource> {
    let name = reference
        .rsplit_once(":alarm:")
        .map_or(reference, |(_, name)| name);
    match clients
        .cloudwatch
        .describe_alarms()
        .alarm_names(name)
        .send()
        .await
    {
        Ok(output) => output
            .metric_alarms()
            .first()
            .map(|a| Alarm {
                name: text(a.alarm_name()),
                arn: text(a.alarm_arn()),
                namespace: a.namespace().map(str::to_string),
                metric_name: a.metric_name().map(str::to_string),
                threshold: a.threshold(),
                comparison: a.comparison_operator().map(|c| c.as_str().to_string()),
                actions_enabled: a.actions_enabled().unwrap_or(false),
                alarm_actions: a.alarm_actions().to_vec(),
                errors: FetchErrors::new(),
            })
            .ok_or_else(|| MissingResource {
                kind: "alarm".into(),
                id: name.to_string(),
                output_key: None,
                operation: "cloudwatch:DescribeAlarms".into(),
            }),
        Err(error) => Ok(Alarm {
            name: name.to_string(),
            errors: [(
                "*".to_string(),
                fetch_error("cloudwatch:DescribeAlarms", &error),
            )]
            .into(),
            ..Alarm::default()
        }),
    }
}
