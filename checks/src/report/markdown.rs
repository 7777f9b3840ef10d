//! `summary.md`: a pull-request comment — counts per stack, then every fail, error and waiver,
//! cut to fit a comment (GitHub allows 65 536 characters) with a count of what was left out.

use std::fmt::Write as _;

use super::RunReport;
use crate::result::Status;

/// Stays under GitHub's comment size with room for a header the CI adds.
pub const COMMENT_LIMIT: usize = 65_000;

pub fn render(report: &RunReport, limit: usize) -> String {
    let mut head = format!(
        "## stackproof: {}\n\nRun `{}` · stackproof {} · {}\n\n| stack | profile | pass | fail | error | skip | waived |\n|---|---|---:|---:|---:|---:|---:|\n",
        verdict(report),
        report.run_id,
        report.tool_version,
        report.generated_at
    );
    for stack in &report.stacks {
        let _ = writeln!(
            head,
            "| {} | {} | {} | {} | {} | {} | {} |",
            stack.name,
            stack.profile,
            stack.count(Status::Pass),
            stack.count(Status::Fail),
            stack.count(Status::Error),
            stack.count(Status::Skip),
            stack.count(Status::Waived)
        );
    }
    // Lines are made only while they fit: a report of a million results is not formatted
    // whole to be cut to a comment.
    let mut text = head;
    let mut shown = 0;
    'sections: for (status, heading) in [
        (Status::Fail, "Failures"),
        (Status::Error, "Could not be verified"),
        (Status::Waived, "Waived"),
    ] {
        let count = report.count(status);
        if count == 0 {
            continue;
        }
        let heading = format!("\n### {heading} ({count})\n");
        let lines = report
            .results()
            .filter(|(_, r)| r.status == status)
            .map(|(stack, r)| {
                let check = report.check(&r.check_id);
                let severity = check.map_or("", |c| c.severity.as_str());
                let title = check.map_or("", |c| c.title.as_str());
                let detail = match &r.waiver {
                    Some(w) => format!("{} (until {}, {})", w.justification, w.expires, w.ticket),
                    None => r.message.clone(),
                };
                format!(
                    "- **{}** `{severity}` {title} — {} `{}` ({}): {}",
                    r.check_id,
                    r.resource.kind,
                    r.resource.id,
                    stack.name,
                    detail.replace('\n', " ")
                )
            });
        for line in std::iter::once(heading).chain(lines) {
            let note_room = 80;
            if text.len() + line.len() + 1 + note_room > limit {
                break 'sections;
            }
            text.push_str(&line);
            text.push('\n');
            shown += usize::from(line.starts_with("- "));
        }
    }
    let listed: usize = [Status::Fail, Status::Error, Status::Waived]
        .iter()
        .map(|s| report.count(*s))
        .sum();
    let left_out = listed - shown;
    if left_out > 0 {
        let _ = writeln!(
            text,
            "\n… and {left_out} more; see report.json for every result (report.html for the first of each check)."
        );
    }
    text
}

fn verdict(report: &RunReport) -> String {
    match report.exit_code() {
        0 => "✅ all checks pass".to_string(),
        1 => format!("❌ {} failing", report.count(Status::Fail)),
        _ => format!("⚠️ {} could not be verified", report.count(Status::Error)),
    }
}
