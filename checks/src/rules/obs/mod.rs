//! CloudWatch dashboards and alarms, SNS alert topics, the log groups a stack needs.

pub mod obs_001_alert_topic;
pub mod obs_002_dashboard_metrics;
pub mod obs_003_alarm_actions;
pub mod obs_004_log_groups_as_profiled;
pub mod obs_005_service_log_groups;

/// Metric names a dashboard body charts: the second element of each `metrics` row
/// (`["AWS/ECS", "RunningTaskCount", …]`), including expressions' metric rows.
pub(crate) fn charted_metrics(body: &serde_json::Value) -> Vec<String> {
    let widgets = body.get("widgets").and_then(|w| w.as_array());
    widgets
        .into_iter()
        .flatten()
        .filter_map(|w| w.pointer("/properties/metrics").and_then(|m| m.as_array()))
        .flatten()
        .filter_map(|row| row.as_array())
        .filter_map(|row| {
            // Rows may start with "..." or "." shorthands for the previous row's namespace.
            row.iter()
                .skip(1)
                .find_map(|v| v.as_str())
                .map(str::to_string)
        })
        .collect()
}
