//! Long work on a target: its progress on a spinner (or as lines in a CI log), and tearing a
//! scenario down with what it removed and left said.

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use stackproof_provisioner::destroy;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::teardown::Teardown;

use crate::target::Target;

/// A short random suffix: lowercase letters and digits, as resource names allow.
pub fn random_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut value = nanos ^ (u128::from(std::process::id()) << 64);
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..6)
        .map(|_| {
            let c = alphabet[(value % 36) as usize] as char;
            value /= 36;
            c
        })
        .collect()
}

fn spinner(label: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("template"));
    bar.set_message(label.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Runs `work` under a spinner labelled `label` that also shows what the provisioner waits for
/// (AWS's minutes for a NAT gateway or an Aurora cluster); when stderr is not a terminal (a CI
/// log) each new wait is a line instead.
pub async fn with_progress<T>(label: String, work: impl std::future::Future<Output = T>) -> T {
    let bar = spinner(&label);
    let shown = bar.clone();
    stackproof_provisioner::progress::listen(move |what| {
        if shown.is_hidden() {
            eprintln!("{label}: {what}");
        } else {
            shown.set_message(format!("{label}: {what}"));
        }
    });
    let result = work.await;
    stackproof_provisioner::progress::stop_listening();
    bar.finish_and_clear();
    result
}

/// Tears down what the scenario's ledger under `out_dir` lists and reports it; `true` when
/// nothing of the run is left.
pub async fn tear_down(
    target: &Target,
    scenario: Scenario,
    out_dir: &std::path::Path,
) -> Result<bool, stackproof_provisioner::ProvisionError> {
    let config = target.sdk_config_for_region(scenario.region());
    let teardown = destroy(
        &config,
        scenario.name(),
        out_dir,
        target.s3_force_path_style(),
    );
    let report = with_progress(format!("destroying {}", scenario.name()), teardown).await?;
    Ok(report_teardown(scenario.name(), &report))
}

/// Prints what a teardown removed, failed to remove, found left and could not scan; `true`
/// only when nothing is left and every listing of the scan answered.
pub fn report_teardown(scenario: &str, report: &Teardown) -> bool {
    eprintln!("{scenario}: removed {} resources", report.removed.len());
    for removed in &report.removed {
        eprintln!("  - {removed}");
    }
    for (resource, why) in &report.failed {
        eprintln!("  ! could not delete {resource}: {why}");
    }
    for leftover in &report.leftovers {
        eprintln!("  ! still present: {leftover}");
    }
    for (operation, why) in &report.unscanned {
        eprintln!(
            "  ! could not scan for leftovers with {operation}: {why}; what it lists may still be there"
        );
    }
    let clean =
        report.failed.is_empty() && report.leftovers.is_empty() && report.unscanned.is_empty();
    if clean {
        eprintln!("{scenario}: nothing of the run is left");
    }
    clean
}
