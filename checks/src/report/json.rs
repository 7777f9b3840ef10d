//! `report.json`: the [`RunReport`] itself (schema in `docs/report-format.md`).

use super::RunReport;

pub fn render(report: &RunReport) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|error| {
        // Serialising our own model cannot fail; say so in the file if it ever does.
        format!("{{\"error\": \"report not serialisable: {error}\"}}")
    });
    text.push('\n');
    text
}
