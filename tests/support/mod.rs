//! Shared by the emulator tests: one moto server per test binary, and a small stack builder.

#[allow(unused_imports)] // only the fault tests put a proxy in front of the emulator
pub use stackproof_proxy as fault_proxy;
#[allow(dead_code)] // only teardown's tests list what a run left behind
pub mod left_behind;
#[allow(dead_code)] // not every test binary builds the small stack
pub mod small_stack;

use std::path::Path;
use std::sync::OnceLock;

use stackproof::cli::steps::collect::collect_from;
use stackproof::emulator::{Emulator, EmulatorOptions};
use stackproof::target::Target;
use stackproof_checks::inventory::Inventory;
use stackproof_collector::outputs::anchors_of;
use stackproof_provisioner::ProvisionOptions;

/// The test binary's emulator, started on first use. Each test works in its own resources
/// (names carry a per-test suffix), so tests share it and run in parallel.
pub fn shared_emulator() -> &'static Emulator {
    static EMULATOR: OnceLock<Emulator> = OnceLock::new();
    EMULATOR.get_or_init(|| {
        Emulator::start(&EmulatorOptions::default()).expect("start the shared emulator")
    })
}

/// The test binary's emulator as a target.
#[allow(dead_code)]
pub async fn shared_target() -> Target {
    Target::endpoint(shared_emulator().endpoint(), None)
        .await
        .unwrap()
}

/// Provisioning into `root` with `suffix`, S3 path-style as the emulator wants.
#[allow(dead_code)]
pub fn provision_options(root: &Path, suffix: &str) -> ProvisionOptions {
    ProvisionOptions {
        suffix: suffix.into(),
        root: root.to_path_buf(),
        s3_path_style: true,
        fail_after: None,
        stop: None,
    }
}

/// What a `stackproof` process printed (stdout then stderr), and the results of the first stack
/// of the `report.json` it wrote (`None` when it wrote no report).
#[allow(dead_code)]
pub fn console_and_results(
    output: &std::process::Output,
) -> (String, Option<Vec<stackproof_checks::result::CheckResult>>) {
    let console = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let results = console
        .lines()
        .find_map(|line| line.strip_prefix("reports: "))
        .map(|dir| {
            let text = std::fs::read_to_string(Path::new(dir).join("report.json")).unwrap();
            let report: serde_json::Value = serde_json::from_str(&text).unwrap();
            serde_json::from_value(report["stacks"][0]["results"].clone()).unwrap()
        });
    (console, results)
}

/// Collects what an outputs file names, through `config` (its region), as `stackproof check`
/// does.
#[allow(dead_code)]
pub async fn collect_outputs(
    target: &Target,
    config: &aws_config::SdkConfig,
    outputs_file: &Path,
) -> Inventory {
    let text = std::fs::read_to_string(outputs_file).unwrap();
    let (_, anchors) = anchors_of(&text, outputs_file).unwrap();
    collect_from(target, config, &anchors, outputs_file, 8, Vec::new()).await
}

/// A new VPC with `cidr`; its id.
#[allow(dead_code)] // not every test binary builds a VPC
pub async fn create_vpc(ec2: &aws_sdk_ec2::Client, cidr: impl Into<String>) -> String {
    let vpc = ec2.create_vpc().cidr_block(cidr).send().await.unwrap();
    vpc.vpc().unwrap().vpc_id().unwrap().to_string()
}

/// A NAT gateway in a new subnet (`cidr`) of `vpc`, with a new Elastic IP: (subnet id,
/// allocation id, NAT gateway id).
#[allow(dead_code)] // not every test binary makes NAT gateways
pub async fn create_nat_gateway(
    ec2: &aws_sdk_ec2::Client,
    vpc: &str,
    cidr: &str,
) -> (String, String, String) {
    let subnet = (ec2.create_subnet().vpc_id(vpc).cidr_block(cidr))
        .send()
        .await
        .unwrap();
    let subnet = subnet.subnet().unwrap().subnet_id().unwrap().to_string();
    let address = ec2.allocate_address().send().await.unwrap();
    let allocation = address.allocation_id().unwrap().to_string();
    let nat = (ec2.create_nat_gateway().subnet_id(&subnet))
        .allocation_id(&allocation)
        .send()
        .await
        .unwrap();
    let nat = nat.nat_gateway().unwrap().nat_gateway_id().unwrap();
    (subnet, allocation, nat.to_string())
}

/// Deletes what [`create_nat_gateway`] made around a NAT gateway already deleted: its Elastic
/// IP, its subnet and `vpc`.
#[allow(dead_code)] // not every test binary makes NAT gateways
pub async fn delete_nat_network(
    ec2: &aws_sdk_ec2::Client,
    vpc: &str,
    subnet: &str,
    allocation: &str,
) {
    ec2.release_address()
        .allocation_id(allocation)
        .send()
        .await
        .unwrap();
    ec2.delete_subnet().subnet_id(subnet).send().await.unwrap();
    ec2.delete_vpc().vpc_id(vpc).send().await.unwrap();
}

/// Registers a new revision of `service`'s task definition with its first container changed by
/// `edit`, and points the service at it.
#[allow(dead_code)] // not every test binary edits task definitions
pub async fn revise_service_container(
    ecs: &aws_sdk_ecs::Client,
    cluster: &str,
    service: &str,
    edit: impl FnOnce(&mut aws_sdk_ecs::types::ContainerDefinition),
) -> String {
    revise_service(ecs, cluster, service, edit, |request| request).await
}

pub type TaskRevision =
    aws_sdk_ecs::operation::register_task_definition::builders::RegisterTaskDefinitionFluentBuilder;

/// Registers a new revision of `service`'s task definition, its first container changed by
/// `edit` and the request (task-level settings) by `task`; points the service at it and
/// returns the new revision's ARN.
#[allow(dead_code)]
pub async fn revise_service(
    ecs: &aws_sdk_ecs::Client,
    cluster: &str,
    service: &str,
    edit: impl FnOnce(&mut aws_sdk_ecs::types::ContainerDefinition),
    task: impl FnOnce(TaskRevision) -> TaskRevision,
) -> String {
    let described = ecs
        .describe_services()
        .cluster(cluster)
        .services(service)
        .send()
        .await
        .unwrap();
    let described = ecs
        .describe_task_definition()
        .task_definition(described.services()[0].task_definition().unwrap())
        .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
        .send()
        .await
        .unwrap();
    let current = described.task_definition().unwrap().clone();
    let mut container = current.container_definitions()[0].clone();
    edit(&mut container);
    let request = ecs
        .register_task_definition()
        .family(current.family().unwrap())
        .set_cpu(current.cpu().map(str::to_string))
        .set_memory(current.memory().map(str::to_string))
        .set_network_mode(current.network_mode().cloned())
        .set_requires_compatibilities(Some(current.requires_compatibilities().to_vec()))
        .set_runtime_platform(current.runtime_platform().cloned())
        .set_task_role_arn(current.task_role_arn().map(str::to_string))
        .set_execution_role_arn(current.execution_role_arn().map(str::to_string))
        .set_tags(Some(described.tags().to_vec()))
        .container_definitions(container);
    let revision = task(request).send().await.unwrap();
    let arn = revision
        .task_definition()
        .unwrap()
        .task_definition_arn()
        .unwrap()
        .to_string();
    ecs.update_service()
        .cluster(cluster)
        .service(service)
        .task_definition(&arn)
        .send()
        .await
        .unwrap();
    arn
}
