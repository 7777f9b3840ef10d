//! `junit.xml`: a test suite per stack, a test case per check × resource. `fail` is a
//! `<failure>` (observed vs expected), `error` an `<error>` naming the failed operation, `skip`
//! and `waived` are `<skipped>` with the reason or the waiver; severity and references are
//! properties.

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::{RunReport, evidence_lines};
use crate::result::{CheckResult, Status};

pub fn render(report: &RunReport) -> String {
    let mut junit = Report::new(format!("stackproof {}", report.run_id));
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(&report.generated_at) {
        junit.set_timestamp(time);
    }
    for stack in &report.stacks {
        let mut suite = TestSuite::new(stack.name.clone());
        suite.add_property(Property::new("profile", stack.profile.clone()));
        suite.add_property(Property::new("target", stack.meta.target.clone()));
        if let Some(region) = &stack.meta.region {
            suite.add_property(Property::new("region", region.clone()));
        }
        for result in &stack.results {
            suite.add_test_case(test_case(report, &stack.name, result));
        }
        junit.add_test_suite(suite);
    }
    junit
        .to_string()
        .unwrap_or_else(|error| format!("<!-- JUnit serialisation failed: {error} -->\n"))
}

fn test_case(report: &RunReport, stack: &str, result: &CheckResult) -> TestCase {
    let check = report.check(&result.check_id);
    let severity = check.map_or("info", |c| c.severity.as_str());
    let title = check.map_or("", |c| c.title.as_str());
    let name = format!(
        "[{}][{}] {title} — {}",
        severity.to_uppercase(),
        result.check_id,
        result.resource
    );
    let status = match result.status {
        Status::Pass => TestCaseStatus::success(),
        Status::Fail | Status::Error => {
            let kind = if result.status == Status::Fail {
                NonSuccessKind::Failure
            } else {
                NonSuccessKind::Error
            };
            let mut status = TestCaseStatus::non_success(kind);
            status.set_message(result.message.clone());
            status.set_type(result.check_id.clone());
            status.set_description(evidence_lines(result));
            status
        }
        Status::Skip => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(result.message.clone());
            status
        }
        Status::Waived => {
            let mut status = TestCaseStatus::skipped();
            if let Some(waiver) = &result.waiver {
                status.set_message(format!(
                    "waived ({} underneath) until {}: {} — approved by {}, ticket {}",
                    waiver.underlying.as_str(),
                    waiver.expires,
                    waiver.justification,
                    waiver.approver,
                    waiver.ticket
                ));
            }
            status
        }
    };
    let mut case = TestCase::new(name, status);
    case.set_classname(format!("{stack}.{}", result.check_id));
    case.add_property(Property::new("severity", severity));
    for reference in check.map(|c| c.references.as_slice()).unwrap_or_default() {
        case.add_property(Property::new(
            "reference",
            format!("{} {}", reference.framework, reference.id),
        ));
    }
    case
}
