//! Helpers the template tests share: judging a template with a profile, finding a result,
//! a template from text.
#![allow(dead_code)] // each test binary uses some

use std::path::Path;

use stackproof_checks::engine::{Evaluation, evaluate};
use stackproof_checks::profile::{Profile, load_profile};
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::result::CheckResult;
use stackproof_template::{Judged, Options, Template, judge, source};

pub fn baseline() -> Profile {
    load_profile("baseline", Path::new("/nonexistent")).unwrap()
}

/// `template` judged with `profile`.
pub fn judged_with(template: &Template, options: &Options, profile: &Profile) -> Judged {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    judge(template, options, |inventory| -> Evaluation {
        evaluate(inventory, profile, REGISTRY, &[], today)
    })
}

/// `template` judged with the baseline profile.
pub fn judged(template: &Template, options: &Options) -> Judged {
    judged_with(template, options, &baseline())
}

pub fn result<'e>(evaluation: &'e Evaluation, check: &str, logical: &str) -> &'e CheckResult {
    (evaluation.results.iter())
        .find(|r| r.check_id == check && r.resource.id == logical)
        .unwrap_or_else(|| panic!("no {check} result for {logical}"))
}

pub fn template_from(text: &str) -> Template {
    let parsed = source::parse_text(text).unwrap();
    Template {
        file: "inline.json".into(),
        stack: "inline".into(),
        body: parsed.value,
        resource_lines: parsed.resource_lines,
        warnings: parsed.warnings,
    }
}
