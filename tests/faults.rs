//! No silent pass, through real processes: `stackproof check` runs against the emulator through
//! the proxy of `proxy/` (stackproof-proxy), on a stack with planted violations (the small
//! stack, judged by the baseline) and on every seed scenario.
//!
//! For every operation the clean run sent (its request table, so new operations are covered
//! without touching this file), that operation is denied, and the verdict may not shrink: no
//! `fail` becomes `pass`, no new `pass`, every clean result is still there or its check has an
//! `error` naming the operation, and the exit code is not 0. Each fault kind (500, throttling,
//! reset, a stall past the call timeout) on one listing, and random faults at 20 % and 50 %,
//! may only turn results into `error`. Throttling at a tenth of AWS's read rates may change no verdict
//! at all (the SDK's adaptive retry slows the run down instead).

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use stackproof::cli::run_cmd::profile_for;
use stackproof_checks::engine::lost_verdicts;
use stackproof_checks::inventory::{Inventory, is_fetched};
use stackproof_checks::result::{CheckResult, Status};
use stackproof_collector::permissions::COLLECTOR_OPERATIONS;
use stackproof_provisioner::provision;
use stackproof_provisioner::scenarios::Scenario;
use support::fault_proxy::{Fault, FaultPlan, FaultProxy, ProxyOptions, Throttle};
use support::{provision_options, shared_emulator, shared_target};

/// A deployed stack to check: its outputs file, profile and region.
struct Stack {
    name: String,
    outputs_file: PathBuf,
    profile: String,
    region: String,
    /// The clean run through a proxy that forwards everything.
    clean: Run,
}

/// One `stackproof check`.
#[derive(Debug)]
struct Run {
    exit: Option<i32>,
    results: Vec<CheckResult>,
    /// `service:Operation` → requests, from the saved inventory.
    api_calls: BTreeMap<String, u64>,
    console: String,
}

fn workdir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// The one call `Target::connect` makes before any collection.
const PREFLIGHT: &str = "sts:GetCallerIdentity";

/// The stacks, provisioned once for the whole binary: the small stack (planted violations,
/// judged by the baseline) and every seed scenario (the first environment of one with several),
/// each judged by its own profile.
fn stacks() -> &'static [Stack] {
    static STACKS: OnceLock<Vec<Stack>> = OnceLock::new();
    STACKS.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let deployed: Vec<(String, PathBuf, String, String)> = runtime.block_on(async {
            let target = shared_target().await;
            let small = support::small_stack::build(target.sdk_config(), "faults").await;
            let small_outputs = workdir().join("small-stack-outputs.json");
            std::fs::write(
                &small_outputs,
                serde_json::to_string_pretty(&small.outputs).unwrap(),
            )
            .unwrap();
            let mut deployed = vec![(
                "small-stack".to_string(),
                small_outputs,
                "baseline".to_string(),
                "us-east-1".to_string(),
            )];
            let root = workdir().join("provisioned");
            for scenario in Scenario::ALL {
                let config = target.sdk_config_for_region(scenario.region());
                let environments =
                    provision(&config, scenario, &provision_options(&root, "flt"))
                        .await
                        .unwrap();
                let first = &environments[0];
                let dir = Path::new("fixtures/profiles");
                let profile = profile_for(scenario.name(), first.name.as_deref(), dir);
                deployed.push((
                    scenario.name().to_string(),
                    first.outputs_file(&root, scenario.name()),
                    profile,
                    first.region.clone(),
                ));
            }
            deployed
        });
        let stack = |(name, outputs_file, profile, region): (String, PathBuf, String, String)| {
            let proxy = FaultProxy::start(shared_emulator().endpoint(), FaultPlan::None);
            let mut stack = Stack {
                name,
                outputs_file,
                profile,
                region,
                clean: Run {
                    exit: None,
                    results: Vec::new(),
                    api_calls: BTreeMap::new(),
                    console: String::new(),
                },
            };
            stack.clean = check(&stack, &proxy, "clean");
            for operation in stack.clean.api_calls.keys() {
                assert!(
                    COLLECTOR_OPERATIONS.contains(&operation.as_str()),
                    "{operation} is missing from the permissions table (collector/src/permissions.rs)"
                );
            }
            let mut seen = proxy.operations_seen();
            assert_eq!(
                seen.remove(PREFLIGHT),
                Some(1),
                "{}: the preflight asks who we are once",
                stack.name
            );
            assert_eq!(
                seen, stack.clean.api_calls,
                "{}: the proxy names every request as the collector's table does",
                stack.name
            );
            stack
        };
        deployed.into_iter().map(stack).collect()
    })
}

/// Runs `stackproof check` on `stack` through `proxy`; `label` names its report directory.
fn check(stack: &Stack, proxy: &FaultProxy, label: &str) -> Run {
    // The SDK's standard retry, three attempts: under random faults at 20-50 % the adaptive
    // mode's client-side rate sinks so low that a run takes minutes; what these tests guarantee
    // (no verdict lost) does not depend on the retry mode. The throttling test runs the default.
    let standard = [
        ("STACKPROOF_RETRY_MODE", "standard"),
        ("STACKPROOF_MAX_ATTEMPTS", "3"),
    ];
    check_with(stack, proxy, label, &standard)
}

/// [`check`] with the given environment (the defaults when empty).
fn check_with(stack: &Stack, proxy: &FaultProxy, label: &str, env: &[(&str, &str)]) -> Run {
    let dir = workdir().join(format!("{}-{}", stack.name, label.replace(':', "-")));
    let inventory = dir.join("inventory.json");
    let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["check", "--endpoint", &proxy.endpoint()])
        .args(["--region", &stack.region, "--profile", &stack.profile])
        .arg("--outputs")
        .arg(&stack.outputs_file)
        .arg("--save-inventory")
        .arg(&inventory)
        .arg("--report-dir")
        .arg(&dir)
        .args(["--format", "json"])
        .env("STACKPROOF_CALL_TIMEOUT", "2")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let (console, results) = support::console_and_results(&output);
    let Some(results) = results else {
        // Stopped before collecting (the preflight): nothing was judged.
        return Run {
            exit: output.status.code(),
            results: Vec::new(),
            api_calls: BTreeMap::new(),
            console,
        };
    };
    let saved: Inventory =
        serde_json::from_str(&std::fs::read_to_string(&inventory).unwrap()).unwrap();
    // The collector's side of the error contract: failures only under attribute names checks
    // can guard.
    for (resource, attribute, error) in saved.fetch_errors() {
        assert!(
            is_fetched(&resource.kind, attribute),
            "{label}: {} failure recorded as {resource}.{attribute}, which no check can guard",
            error.operation
        );
    }
    let api_calls = saved.meta.api_calls.clone();
    Run {
        exit: output.status.code(),
        results,
        api_calls,
        console,
    }
}

/// Runs `plans` over `stack`, a few at a time, each through a proxy of its own.
fn run_all(stack: &Stack, plans: Vec<(String, FaultPlan)>) -> Vec<(String, Run, u64)> {
    let chunks: Vec<Vec<(String, FaultPlan)>> = plans.chunks(4).map(<[_]>::to_vec).collect();
    let mut runs = Vec::new();
    for chunk in chunks {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .into_iter()
                .map(|(label, plan)| {
                    scope.spawn(move || {
                        let proxy = FaultProxy::start(shared_emulator().endpoint(), plan);
                        let run = check(stack, &proxy, &label);
                        (label, run, proxy.faults_injected())
                    })
                })
                .collect();
            runs.extend(handles.into_iter().map(|h| h.join().unwrap()));
        });
    }
    runs
}

/// The guarantees for a run in which calls to `operation` failed for good.
fn assert_failed_call_shows(stack: &Stack, operation: &str, run: &Run) -> Vec<String> {
    let mut problems: Vec<String> = lost_verdicts(&stack.clean.results, &run.results, operation)
        .into_iter()
        .map(|problem| format!("{} / {operation}: {problem}", stack.name))
        .collect();
    if run.exit == Some(0) {
        problems.push(format!("{} / {operation}: exit 0", stack.name));
    }
    let named = run.results.iter().any(|r| {
        r.check_id == "INV-002" && r.status == Status::Error && r.message.contains(operation)
    });
    if !named {
        problems.push(format!(
            "{} / {operation}: INV-002 has no error naming the operation\n{}",
            stack.name, run.console
        ));
    }
    problems
}

#[test]
fn the_clean_runs_see_the_stacks() {
    let stacks = stacks();
    let small = &stacks[0];
    assert!(
        small.clean.results.iter().any(|r| r.status == Status::Fail),
        "the small stack has planted violations"
    );
    assert!(
        small.clean.api_calls.len() > 20,
        "{:?}",
        small.clean.api_calls
    );
    let microservices = &stacks[1];
    assert_eq!(
        microservices.clean.exit,
        Some(0),
        "{}",
        microservices.clean.console
    );
}

#[test]
fn a_denied_preflight_stops_before_collecting_with_one_line() {
    let stack = &stacks()[0];
    let proxy = FaultProxy::start(
        shared_emulator().endpoint(),
        FaultPlan::Operation(PREFLIGHT.into(), Fault::Denied),
    );
    let run = check(stack, &proxy, "preflight-denied");
    assert_eq!(run.exit, Some(3), "{}", run.console);
    assert!(run.results.is_empty(), "nothing judged: {}", run.console);
    let errors: Vec<&str> = run
        .console
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.console);
    assert!(
        errors[0].contains(PREFLIGHT) && errors[0].contains("AccessDenied"),
        "{}",
        run.console
    );
}

#[test]
fn every_operation_denied_never_shrinks_the_verdict() {
    let mut problems = Vec::new();
    for stack in stacks() {
        let plans = stack
            .clean
            .api_calls
            .keys()
            .map(|op| (op.clone(), FaultPlan::Operation(op.clone(), Fault::Denied)))
            .collect();
        for (operation, run, injected) in run_all(stack, plans) {
            assert!(injected > 0, "{operation} was never sent through the proxy");
            problems.extend(assert_failed_call_shows(stack, &operation, &run));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fault_kind_on_a_listing_is_an_error() {
    let stack = &stacks()[0];
    let operation = "ec2:DescribeSecurityGroups";
    let faults = [
        Fault::ServerError,
        Fault::Throttled,
        Fault::Reset,
        Fault::Stall(Duration::from_secs(4)),
    ];
    let plans = faults
        .iter()
        .map(|fault| {
            (
                format!("{fault:?}").to_lowercase().replace(' ', ""),
                FaultPlan::Operation(operation.into(), *fault),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for (label, run, _) in run_all(stack, plans) {
        problems.extend(
            assert_failed_call_shows(stack, operation, &run)
                .into_iter()
                .map(|p| format!("{label}: {p}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn random_faults_only_turn_results_into_errors() {
    let mut problems = Vec::new();
    for stack in stacks() {
        let plans = [(0.2, 1), (0.2, 2), (0.5, 3), (0.5, 4)]
            .into_iter()
            .map(|(rate, seed)| {
                let plan = FaultPlan::Random {
                    rate,
                    seed,
                    faults: Fault::ALL_QUICK.to_vec(),
                };
                (format!("random-{rate}-{seed}"), plan)
            })
            .collect();
        for (label, run, injected) in run_all(stack, plans) {
            for result in &run.results {
                let same = stack.clean.results.iter().any(|r| {
                    r.check_id == result.check_id
                        && r.resource == result.resource
                        && r.status == result.status
                });
                if !same && result.status != Status::Error {
                    problems.push(format!(
                        "{} {label}: {} {} is {} ({}), not as clean nor error",
                        stack.name,
                        result.check_id,
                        result.resource,
                        result.status.as_str(),
                        result.message
                    ));
                }
            }
            let lost = lost_verdicts(&stack.clean.results, &run.results, "");
            problems.extend(
                lost.into_iter()
                    .map(|p| format!("{} {label}: {p}", stack.name)),
            );
            if injected == 0 {
                problems.push(format!("{} {label}: no fault was injected", stack.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// AWS's read rates, made ten times stricter so that stacks this small meet them, with every
/// bucket drained at the start: the first read of each operation is throttled however slow
/// the machine (the refill alone would depend on how fast the requests come).
fn strict_rates() -> ProxyOptions {
    ProxyOptions {
        throttle: Some(Throttle::aws_defaults().scaled(0.1).drained()),
        ..ProxyOptions::default()
    }
}

#[test]
fn throttling_at_aws_rates_slows_the_check_down_and_changes_no_verdict() {
    let mut problems = Vec::new();
    // The small stack and the first seed scenario.
    for stack in &stacks()[..2] {
        let proxy = FaultProxy::with(shared_emulator().endpoint(), strict_rates()).unwrap();
        let run = check_with(stack, &proxy, "throttled", &[]);
        let throttled: u64 = proxy.throttled().values().sum();
        if throttled == 0 {
            problems.push(format!("{}: nothing was throttled", stack.name));
        }
        let verdicts = |results: &[CheckResult]| {
            let mut verdicts: Vec<(String, String, Status)> = results
                .iter()
                .map(|r| (r.check_id.clone(), r.resource.to_string(), r.status))
                .collect();
            verdicts.sort();
            verdicts
        };
        if verdicts(&run.results) != verdicts(&stack.clean.results) {
            let errors: Vec<String> = (run.results.iter())
                .filter(|r| r.status == Status::Error)
                .map(|r| format!("{} {}: {}", r.check_id, r.resource, r.message))
                .collect();
            problems.push(format!(
                "{}: {throttled} throttled answers changed the verdict; errors:\n{}",
                stack.name,
                errors.join("\n")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
