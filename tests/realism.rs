//! Every scenario through the proxy's realism mode (issue #19, docs/aws-realism.md): resources
//! pending, creating, provisioning and deleting for a while, what a deletion in progress still
//! holds refused with AWS's errors, new EC2 ids unknown to the first request naming them.
//! Each scenario provisions, meets its own profile (no fail, no error) collected through the
//! same proxy, is destroyed by the `stackproof` binary, and leaves nothing by an independent
//! listing straight from the emulator.

mod support;

use std::path::Path;
use std::time::Duration;

use stackproof::cli::run_cmd::profile_for;
use stackproof::target::Target;
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry;
use stackproof_checks::result::fails_and_errors;
use stackproof_provisioner::provision;
use stackproof_provisioner::scenarios::Scenario;

use support::fault_proxy::realism::Durations;
use support::fault_proxy::{FaultProxy, ProxyOptions, Realism};
use support::left_behind::left_behind;
use support::{collect_outputs, provision_options, shared_emulator, shared_target};

/// States of a second, deletions that hold for two, roles unknown for half a second, new EC2
/// ids unknown to their first request for a quarter.
fn realism_proxy() -> FaultProxy {
    let durations = Durations {
        deleting: Duration::from_secs(2),
        ..Durations::scaled(Duration::from_secs(1))
    };
    FaultProxy::with(
        shared_emulator().endpoint(),
        ProxyOptions {
            realism: Some(Realism::new(durations)),
            ..ProxyOptions::default()
        },
    )
    .unwrap()
}

/// Provisions, checks and destroys `scenario` through a realism proxy; returns what the proxy
/// refused, by `operation code`.
async fn through_realism(scenario: Scenario, suffix: &str) -> Vec<String> {
    let proxy = realism_proxy();
    let target = Target::endpoint(&proxy.endpoint(), None).await.unwrap();
    let config = target.sdk_config_for_region(scenario.region());
    let root = tempfile::tempdir().unwrap();
    let environments = provision(&config, scenario, &provision_options(root.path(), suffix))
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", scenario.name()));

    let profiles = Path::new("fixtures/profiles");
    for environment in &environments {
        let file = environment.outputs_file(root.path(), scenario.name());
        let regional = target.sdk_config_for_region(&environment.region);
        let inventory = collect_outputs(&target, &regional, &file).await;
        let name = profile_for(scenario.name(), environment.name.as_deref(), profiles);
        let profile = load_profile(&name, profiles).unwrap();
        let today = chrono::Utc::now().date_naive();
        let results = evaluate(&inventory, &profile, registry::REGISTRY, &[], today).results;
        let bad = fails_and_errors(&results);
        assert!(
            bad.is_empty(),
            "{name} through realism:\n{}",
            bad.join("\n")
        );
    }

    let destroyed = std::process::Command::new(env!("CARGO_BIN_EXE_stackproof"))
        .args(["destroy", "--scenario", scenario.name(), "--endpoint"])
        .arg(proxy.endpoint())
        .arg("--out-dir")
        .arg(root.path())
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&destroyed.stderr).into_owned()
        + &String::from_utf8_lossy(&destroyed.stdout);
    assert_eq!(
        destroyed.status.code(),
        Some(0),
        "{}: {console}",
        scenario.name()
    );
    assert!(console.contains("nothing of the run is left"), "{console}");

    // Independently, straight from the emulator, in every region the scenario builds in.
    let direct = shared_target().await;
    for region in scenario.regions() {
        let left = left_behind(&direct.sdk_config_for_region(region), suffix).await;
        assert!(
            left.is_empty(),
            "{} left in {region}: {left:?}",
            scenario.name()
        );
    }
    let refused = proxy.refused();
    eprintln!("{}: refused {refused:?}", scenario.name());
    refused.into_keys().collect()
}

#[tokio::test]
async fn transaction_processing_through_realism() {
    let refused = through_realism(Scenario::TransactionProcessing, "rl1").await;
    // It met AWS's eventual consistency, and a deletion holding up what it used.
    assert!(
        refused.iter().any(|r| r.ends_with(".NotFound")),
        "{refused:?}"
    );
    assert!(
        (refused.iter()).any(|r| r.ends_with("DependencyViolation")
            || r.ends_with("InvalidDBSubnetGroupStateFault")
            || r.ends_with("InvalidIPAddress.InUse")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn analytics_platform_through_realism() {
    through_realism(Scenario::AnalyticsPlatform, "rl2").await;
}

#[tokio::test]
async fn blue_green_through_realism() {
    through_realism(Scenario::BlueGreen, "rl3").await;
}

#[tokio::test]
async fn microservices_through_realism() {
    through_realism(Scenario::Microservices, "rl4").await;
}

#[tokio::test]
async fn multi_environment_through_realism() {
    through_realism(Scenario::MultiEnvironment, "rl5").await;
}

/// A role created a moment ago is not yet known to KMS: a key policy naming it is refused as
/// AWS refuses it (the proxy's IAM propagation). An SDK client alone fails; the provisioner's
/// clients retry that answer (`NotYetVisible`) and succeed once the role is known.
#[tokio::test]
async fn a_new_role_is_unknown_for_a_moment_and_provisioning_retries_until_it_is_known() {
    use aws_sdk_kms::error::ProvideErrorMetadata;
    let proxy = realism_proxy();
    let target = Target::endpoint(&proxy.endpoint(), None).await.unwrap();
    let config = target.sdk_config();
    let iam = aws_sdk_iam::Client::new(config);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let new_role = |name: &'static str| {
        let iam = iam.clone();
        async move {
            let created = (iam.create_role().role_name(name))
                .assume_role_policy_document(trust)
                .send()
                .await
                .unwrap();
            created.role().unwrap().arn().to_string()
        }
    };
    let key_policy = |arn: &str| {
        serde_json::json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": arn}, "Action": "kms:*", "Resource": "*"}]})
        .to_string()
    };

    let plain = aws_sdk_kms::Client::new(config);
    let arn = new_role("propagating-rl6").await;
    let refused = plain.create_key().policy(key_policy(&arn)).send().await;
    let code = refused
        .as_ref()
        .err()
        .and_then(|e| e.code().map(str::to_string));
    assert_eq!(code.as_deref(), Some("MalformedPolicyDocumentException"));

    let retrying = aws_sdk_kms::Client::from_conf(
        aws_sdk_kms::config::Builder::from(config)
            .retry_classifier(stackproof_provisioner::retry::NotYetVisible)
            .build(),
    );
    let arn = new_role("propagating-rl7").await;
    let key = retrying.create_key().policy(key_policy(&arn)).send().await;
    assert!(key.is_ok(), "{key:?}");
    let refusals = proxy.refused()["kms:CreateKey MalformedPolicyDocumentException"];
    assert!(
        refusals >= 2,
        "{refusals} refusals: the second key was refused, then retried"
    );
}

/// Aurora offers no db.m classes: AWS refuses such an instance, the emulator does not; the
/// realism mode answers as AWS does (so multi-environment's seed sizes use Aurora's classes).
#[tokio::test]
async fn an_aurora_instance_of_a_class_aurora_does_not_offer_is_refused() {
    use aws_sdk_rds::error::ProvideErrorMetadata;
    let proxy = realism_proxy();
    let target = Target::endpoint(&proxy.endpoint(), None).await.unwrap();
    let rds = aws_sdk_rds::Client::new(target.sdk_config());
    (rds.create_db_cluster().db_cluster_identifier("classes-rl8"))
        .engine("aurora-postgresql")
        .master_username("admin_user")
        .master_user_password("not-a-real-password-1")
        .send()
        .await
        .unwrap();
    let instance = |class: &'static str| {
        (rds.create_db_instance()
            .db_instance_identifier(format!("classes-rl8-{}", &class[3..5])))
        .db_cluster_identifier("classes-rl8")
        .engine("aurora-postgresql")
        .db_instance_class(class)
        .send()
    };
    let refused = instance("db.m5.large").await.unwrap_err();
    assert_eq!(refused.code(), Some("InvalidParameterCombination"));
    instance("db.r6g.large").await.unwrap();
    for id in ["classes-rl8-r6"] {
        rds.delete_db_instance()
            .db_instance_identifier(id)
            .send()
            .await
            .unwrap();
    }
    let delete = rds
        .delete_db_cluster()
        .db_cluster_identifier("classes-rl8")
        .skip_final_snapshot(true);
    delete.send().await.unwrap();
}

/// On AWS, provisioning and teardown wait minutes; they say for what. With stderr not a
/// terminal (a CI log), each new state waited in is a line naming the resource.
#[tokio::test]
async fn provision_and_destroy_say_what_they_wait_for() {
    let proxy = realism_proxy();
    let root = tempfile::tempdir().unwrap();
    let stackproof = |command: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args([command, "--scenario", "blue-green", "--endpoint"])
            .arg(proxy.endpoint())
            .arg("--out-dir")
            .arg(root.path())
            .args(if command == "provision" {
                &["--suffix", "rl9"][..]
            } else {
                &[]
            })
            .output()
            .unwrap();
        let console = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{console}");
        console
    };
    let provisioned = stackproof("provision");
    for waited in [
        "waiting for NAT gateway nat-",
        ": pending",
        "waiting for Aurora cluster",
    ] {
        assert!(provisioned.contains(waited), "{waited}:\n{provisioned}");
    }
    assert!(
        provisioned.contains("provisioning blue-green (suffix rl9)"),
        "{provisioned}"
    );
    let destroyed = stackproof("destroy");
    assert!(
        destroyed.contains("destroying blue-green: waiting for NAT gateway nat-")
            && destroyed.contains(": deleting"),
        "{destroyed}"
    );
}

/// Issue #39: what a test asserts the client met must not depend on the machine's speed. With
/// every duration a millisecond and a client that dawdles between its calls (as a loaded
/// machine does), each behaviour is still met once: a new id is unknown to the request naming
/// it next, a new NAT gateway is pending to its first look, a deletion holds what it used until
/// a delete of it is refused, is deleting to its first look, and a new role is unknown to the
/// first call naming it. Then each behaviour's time is over.
#[tokio::test]
async fn a_slow_client_meets_each_behaviour_once_however_late_it_looks() {
    use aws_sdk_ec2::error::ProvideErrorMetadata;
    let proxy = |durations| {
        let options = ProxyOptions {
            realism: Some(Realism::new(durations)),
            ..ProxyOptions::default()
        };
        FaultProxy::with(shared_emulator().endpoint(), options).unwrap()
    };
    let dawdle = || tokio::time::sleep(Duration::from_millis(60));
    let code = |e: &dyn ProvideErrorMetadata| e.code().map(str::to_string);
    let millisecond = Durations::scaled(Duration::from_millis(4));

    // EC2's consistency, alone: every other new id would be unknown to its next request too.
    let consistency = proxy(millisecond);
    let target = Target::endpoint(&consistency.endpoint(), None)
        .await
        .unwrap();
    let ec2 = aws_sdk_ec2::Client::new(target.sdk_config());
    let vpc = support::create_vpc(&ec2, "10.93.0.0/16").await;
    dawdle().await;
    let unknown = ec2.describe_vpcs().vpc_ids(&vpc).send().await.unwrap_err();
    assert_eq!(code(&unknown).as_deref(), Some("InvalidVpcID.NotFound"));
    ec2.describe_vpcs().vpc_ids(&vpc).send().await.unwrap();

    let proxy = proxy(Durations {
        consistency: Duration::ZERO,
        ..millisecond
    });
    let target = Target::endpoint(&proxy.endpoint(), None).await.unwrap();
    let ec2 = aws_sdk_ec2::Client::new(target.sdk_config());

    let (subnet, allocation, nat) = support::create_nat_gateway(&ec2, &vpc, "10.93.1.0/24").await;
    let state = || async {
        let described = ec2.describe_nat_gateways().nat_gateway_ids(&nat);
        let described = described.send().await.unwrap();
        described.nat_gateways()[0]
            .state()
            .unwrap()
            .as_str()
            .to_string()
    };
    dawdle().await;
    assert_eq!(state().await, "pending");
    dawdle().await;
    assert_eq!(state().await, "available");

    ec2.delete_nat_gateway()
        .nat_gateway_id(&nat)
        .send()
        .await
        .unwrap();
    dawdle().await;
    let release = ec2
        .release_address()
        .allocation_id(&allocation)
        .send()
        .await;
    assert_eq!(
        code(&release.unwrap_err()).as_deref(),
        Some("InvalidIPAddress.InUse")
    );
    dawdle().await;
    assert_eq!(state().await, "deleting");
    dawdle().await;
    assert_eq!(state().await, "deleted");
    support::delete_nat_network(&ec2, &vpc, &subnet, &allocation).await;

    let iam = aws_sdk_iam::Client::new(target.sdk_config());
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    // A name no scenario test's suffix matches (their leftover listings would count it).
    let role = (iam.create_role().role_name("propagating-slow-client"))
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap();
    let arn = role.role().unwrap().arn().to_string();
    let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": arn}, "Action": "kms:*", "Resource": "*"}]})
    .to_string();
    let kms = aws_sdk_kms::Client::new(target.sdk_config());
    dawdle().await;
    let refused = kms.create_key().policy(&policy).send().await.unwrap_err();
    assert_eq!(
        aws_sdk_kms::error::ProvideErrorMetadata::code(&refused),
        Some("MalformedPolicyDocumentException")
    );
    kms.create_key().policy(&policy).send().await.unwrap();
    iam.delete_role()
        .role_name("propagating-slow-client")
        .send()
        .await
        .unwrap();
}
