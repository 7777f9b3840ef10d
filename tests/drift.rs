//! Drift on the emulator: the three freshly provisioned environments of seed 003 do not drift;
//! four hand-made changes to staging (a security-group rule, a log retention, an environment
//! variable, an extra listener) are each reported once, naming the environment's value and the
//! attribute; the instance classes, which differ by design, are not; the summary reaches the SNS
//! topic's subscribers.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use stackproof_checks::report::RunReport;
use stackproof_checks::result::Status;
use stackproof_provisioner::scenarios::Scenario;
use stackproof_provisioner::{Environment, provision};
use support::shared_emulator;

fn drift(
    root: &Path,
    environments: &[Environment],
    extra: &[&str],
) -> (Option<i32>, String, RunReport) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stackproof"));
    command.args([
        "drift",
        "--endpoint",
        shared_emulator().endpoint(),
        "--profile",
        "multi-environment",
    ]);
    for environment in environments {
        let name = environment.name.as_deref().unwrap();
        let file = environment.outputs_file(root, Scenario::MultiEnvironment.name());
        command
            .arg("--env")
            .arg(format!("{name}={}", file.display()));
    }
    let output = command
        .arg("--report-dir")
        .arg(root.join("reports"))
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let reports = stdout
        .lines()
        .find_map(|l| l.strip_prefix("reports: "))
        .unwrap_or_else(|| panic!("{stdout}{}", String::from_utf8_lossy(&output.stderr)));
    let report: RunReport = serde_json::from_str(
        &std::fs::read_to_string(Path::new(reports).join("report.json")).unwrap(),
    )
    .unwrap();
    (output.status.code(), stdout, report)
}

/// Whether an HTTP request holds its whole body (as its Content-Length says).
fn complete(request: &[u8]) -> bool {
    let text = String::from_utf8_lossy(request);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    body.len() >= length
}

/// An HTTP endpoint subscribed to the drift topic: what moto delivers lands in the returned list.
fn subscriber() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let sink = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(2)))
                .ok();
            // Headers and body may arrive in separate reads: read until Content-Length is met.
            let mut request = Vec::new();
            let mut chunk = vec![0u8; 65536];
            loop {
                let n = stream.read(&mut chunk).unwrap_or(0);
                request.extend_from_slice(&chunk[..n]);
                if n == 0 || complete(&request) {
                    break;
                }
            }
            sink.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&request).to_string());
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    });
    (url, received)
}

#[tokio::test]
async fn staging_drift_is_found_and_reported_to_the_topic() {
    let target = support::shared_target().await;
    let root = tempfile::tempdir().unwrap();
    let options = support::provision_options(root.path(), "dr1");
    let home = target.sdk_config_for_region("us-east-1");
    let environments = provision(&home, Scenario::MultiEnvironment, &options)
        .await
        .unwrap();

    // Fresh environments: nothing drifts (instance classes, counts and tags differ by design).
    let (code, stdout, report) = drift(root.path(), &environments, &[]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("no drift"), "{stdout}");
    assert_eq!(report.stacks[0].count(Status::Fail), 0);

    // Four changes to staging, by hand.
    let staging = &environments[1].outputs;
    let ec2 = aws_sdk_ec2::Client::new(&home);
    let groups = ec2
        .describe_security_groups()
        .filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("group-name")
                .values("staging-app-sg-dr1")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let app_group = groups.security_groups()[0].group_id().unwrap().to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&app_group)
        .ip_permissions(
            aws_sdk_ec2::types::IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(22)
                .to_port(22)
                .ip_ranges(
                    aws_sdk_ec2::types::IpRange::builder()
                        .cidr_ip("10.11.0.0/16")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    aws_sdk_cloudwatchlogs::Client::new(&home)
        .put_retention_policy()
        .log_group_name(&staging["EcsLogGroupName"])
        .retention_in_days(7)
        .send()
        .await
        .unwrap();
    let ecs = aws_sdk_ecs::Client::new(&home);
    support::revise_service_container(
        &ecs,
        &staging["EcsClusterName"],
        &staging["EcsServiceArn"],
        |container| {
            container.environment.get_or_insert_with(Vec::new).push(
                aws_sdk_ecs::types::KeyValuePair::builder()
                    .name("DEBUG")
                    .value("1")
                    .build(),
            );
        },
    )
    .await;
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(&home);
    let balancers = elb.describe_load_balancers().send().await.unwrap();
    let staging_lb = balancers
        .load_balancers()
        .iter()
        .find(|lb| lb.dns_name() == Some(staging["LoadBalancerDns"].as_str()))
        .unwrap();
    let groups = elb
        .describe_target_groups()
        .load_balancer_arn(staging_lb.load_balancer_arn().unwrap())
        .send()
        .await
        .unwrap();
    elb.create_listener()
        .load_balancer_arn(staging_lb.load_balancer_arn().unwrap())
        .protocol(aws_sdk_elasticloadbalancingv2::types::ProtocolEnum::Http)
        .port(8080)
        .default_actions(
            aws_sdk_elasticloadbalancingv2::types::Action::builder()
                .r#type(aws_sdk_elasticloadbalancingv2::types::ActionTypeEnum::Forward)
                .target_group_arn(groups.target_groups()[0].target_group_arn().unwrap())
                .build(),
        )
        .send()
        .await
        .unwrap();

    // The drift topic's subscriber hears about it.
    let topic = environments[0].outputs["DriftTopicArn"].clone();
    let (url, received) = subscriber();
    aws_sdk_sns::Client::new(&home)
        .subscribe()
        .topic_arn(&topic)
        .protocol("http")
        .endpoint(&url)
        .send()
        .await
        .unwrap();

    let (code, stdout, report) = drift(root.path(), &environments, &["--notify-sns", &topic]);
    assert_eq!(code, Some(1), "{stdout}");
    let drifted: Vec<(&str, &str)> = report.stacks[0]
        .results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .map(|r| (r.check_id.as_str(), r.resource.id.as_str()))
        .collect();
    assert_eq!(
        drifted,
        [
            ("DRIFT-002", "security-group/{env}-app-sg-{suffix}/ingress"),
            (
                "DRIFT-003",
                "task-definition/{env}-trading-{suffix}/{env}-trading/environment_keys"
            ),
            ("DRIFT-004", "load-balancer/{env}-alb-{suffix}/listeners"),
            (
                "DRIFT-006",
                "log-group//ecs/{env}-trading-{suffix}/retention_days"
            ),
        ],
        "{stdout}"
    );
    let retention = report.stacks[0]
        .results
        .iter()
        .find(|r| r.check_id == "DRIFT-006" && r.status == Status::Fail)
        .unwrap();
    assert!(
        retention.message.contains("staging: 7") && retention.message.contains("prod: 30"),
        "{}",
        retention.message
    );
    for _ in 0..50 {
        if !received.lock().unwrap().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let deliveries = received.lock().unwrap();
    assert!(
        deliveries
            .iter()
            .any(|d| d.contains("stackproof drift") && d.contains("retention_days")),
        "the drift summary reached the topic's subscriber: {deliveries:?}"
    );
}

/// Template ↔ deployed: a stack built by hand (the SDK) as a template describes it does not
/// drift from the template; a retention and a rule changed afterwards do, each named with both
/// values; an imported value is not compared.
#[tokio::test]
async fn a_template_and_its_deployed_stack_drift_only_where_changed() {
    let emulator = shared_emulator();
    let target = support::shared_target().await;
    let config = target.sdk_config().clone();
    let (ec2, logs, s3) = (
        aws_sdk_ec2::Client::new(&config),
        aws_sdk_cloudwatchlogs::Client::new(&config),
        aws_sdk_s3::Client::new(&config),
    );
    let suffix = "tdrift1";
    let vpc = support::create_vpc(&ec2, "10.77.0.0/16").await;
    let group = ec2
        .create_security_group()
        .group_name(format!("web-{suffix}"))
        .description("web")
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap()
        .group_id()
        .unwrap()
        .to_string();
    let https = aws_sdk_ec2::types::IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(443)
        .to_port(443)
        .ip_ranges(
            aws_sdk_ec2::types::IpRange::builder()
                .cidr_ip("0.0.0.0/0")
                .description("https")
                .build(),
        )
        .build();
    (ec2.authorize_security_group_ingress()
        .group_id(&group)
        .ip_permissions(https))
    .send()
    .await
    .unwrap();
    let log_group = format!("/app/{suffix}");
    logs.create_log_group()
        .log_group_name(&log_group)
        .send()
        .await
        .unwrap();
    (logs
        .put_retention_policy()
        .log_group_name(&log_group)
        .retention_in_days(30))
    .send()
    .await
    .unwrap();
    let bucket = format!("data-{suffix}");
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    // AWS encrypts every new bucket (SSE-S3) unasked; the emulator does not say so.
    let sse = aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
        .rules(
            aws_sdk_s3::types::ServerSideEncryptionRule::builder()
                .apply_server_side_encryption_by_default(
                    aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
                        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::Aes256)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .build()
        .unwrap();
    (s3.put_bucket_encryption()
        .bucket(&bucket)
        .server_side_encryption_configuration(sse))
    .send()
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let outputs = dir.path().join("flat-outputs.json");
    let values = serde_json::json!({
        "VpcId": vpc, "WebSecurityGroupId": group, "AppLogGroupName": log_group,
        "DataBucketName": bucket, "EnvironmentSuffix": suffix,
    });
    std::fs::write(&outputs, values.to_string()).unwrap();
    let template = dir.path().join("stack.yaml");
    std::fs::write(
        &template,
        "\
Parameters:
  EnvironmentSuffix: {Type: String}
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.77.0.0/16}
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: !Sub 'web-${EnvironmentSuffix}'
      GroupDescription: web
      VpcId: !Ref Network
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0, Description: https}
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/app/${EnvironmentSuffix}'
      RetentionInDays: 30
      KmsKeyId: !ImportValue shared-logs-key
  Data:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub 'data-${EnvironmentSuffix}'}
",
    )
    .unwrap();
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_stackproof"))
            .args(["drift", "--endpoint", emulator.endpoint(), "--template"])
            .arg(&template)
            .arg("--outputs")
            .arg(&outputs)
            .args(["--parameter", &format!("EnvironmentSuffix={suffix}")])
            .arg("--report-dir")
            .arg(dir.path().join("reports"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        let reports = (stdout.lines())
            .find_map(|l| l.strip_prefix("reports: "))
            .unwrap_or_else(|| panic!("{stdout}{stderr}"))
            .to_string();
        let report: RunReport = serde_json::from_str(
            &std::fs::read_to_string(Path::new(&reports).join("report.json")).unwrap(),
        )
        .unwrap();
        (output.status.code(), stdout, report)
    };
    let (code, stdout, report) = run();
    let failed: Vec<String> = (report.stacks[0].results.iter())
        .filter(|r| r.status != Status::Pass)
        .map(|r| format!("{} {}", r.check_id, r.message))
        .collect();
    assert_eq!(code, Some(0), "{failed:#?}\n{stdout}");
    // The log group's key is imported: known only after deploy, so not compared.
    assert!(
        (report.stacks[0].results.iter()).any(|r| r.message.contains("known only after deploy")),
        "{stdout}"
    );

    (logs
        .put_retention_policy()
        .log_group_name(&log_group)
        .retention_in_days(7))
    .send()
    .await
    .unwrap();
    let ssh = aws_sdk_ec2::types::IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .ip_ranges(
            aws_sdk_ec2::types::IpRange::builder()
                .cidr_ip("10.0.0.0/8")
                .build(),
        )
        .build();
    (ec2.authorize_security_group_ingress()
        .group_id(&group)
        .ip_permissions(ssh))
    .send()
    .await
    .unwrap();
    let (code, _, report) = run();
    assert_eq!(code, Some(1));
    let drifted: Vec<(&str, &str)> = (report.stacks[0].results.iter())
        .filter(|r| r.status == Status::Fail)
        .map(|r| (r.check_id.as_str(), r.resource.id.as_str()))
        .collect();
    assert_eq!(
        drifted,
        [
            ("DRIFT-002", "security-group/web-{suffix}/ingress"),
            ("DRIFT-006", "log-group//app/{suffix}/retention_days"),
        ],
        "{:#?}",
        report.stacks[0].results
    );
}
