//! `report.json`: the [`RunReport`] itself (schema in `docs/report-format.md`).

use std::io::Write;

use super::RunReport;

pub fn write(report: &RunReport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
