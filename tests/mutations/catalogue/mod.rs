//! The mutations, one `async fn` each, registered in the table at the bottom. Scenario
//! abbreviations in the comments: T transaction-processing, A analytics-platform, M
//! microservices.

use aws_sdk_ec2::types::{IpPermission, IpRange, UserIdGroupPair};
use serde_json::json;

use super::Stack;
use crate::mutations;

mod access;
mod data;
mod ecs;
mod edge;
mod environments;
mod network;

// ---- helpers ------------------------------------------------------------------------------

fn group_named<'a>(stack: &'a Stack, part: &str) -> &'a str {
    stack
        .inventory
        .security_groups
        .iter()
        .find(|g| g.name.contains(part))
        .map(|g| g.id.as_str())
        .unwrap_or_else(|| panic!("no security group named like {part}"))
}

fn role_named<'a>(stack: &'a Stack, part: &str) -> &'a str {
    stack
        .inventory
        .roles
        .iter()
        .find(|r| r.name.contains(part))
        .map(|r| r.name.as_str())
        .unwrap_or_else(|| panic!("no role named like {part}"))
}

fn output<'a>(stack: &'a Stack, key: &str) -> &'a str {
    stack
        .outputs
        .get(key)
        .unwrap_or_else(|| panic!("no output {key}"))
}

async fn ingress(stack: &Stack, group: &str, permission: IpPermission) {
    stack
        .ec2()
        .authorize_security_group_ingress()
        .group_id(group)
        .ip_permissions(permission)
        .send()
        .await
        .unwrap();
}

fn tcp(port: i32) -> aws_sdk_ec2::types::builders::IpPermissionBuilder {
    IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(port)
        .to_port(port)
}

fn from_anywhere(description: &str) -> IpRange {
    IpRange::builder()
        .cidr_ip("0.0.0.0/0")
        .description(description)
        .build()
}

async fn inline_policy(stack: &Stack, role: &str, statement: serde_json::Value) {
    stack
        .iam()
        .put_role_policy()
        .role_name(role)
        .policy_name("mutation")
        .policy_document(json!({"Version": "2012-10-17", "Statement": [statement]}).to_string())
        .send()
        .await
        .unwrap();
}

async fn lb_attribute(stack: &Stack, key: &str, value: &str) -> String {
    let lb = &stack.inventory.load_balancers[0];
    stack
        .elb()
        .modify_load_balancer_attributes()
        .load_balancer_arn(&lb.arn)
        .attributes(
            aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
                .key(key)
                .value(value)
                .build(),
        )
        .send()
        .await
        .unwrap();
    lb.name.clone()
}

/// The first bucket holding data, not access logs (log buckets are SSE-S3 and exempt from the
/// access-logging rule).
fn first_bucket(stack: &Stack) -> String {
    let buckets = &stack.inventory.buckets;
    let log_targets: Vec<&str> = (buckets.iter())
        .filter_map(|b| b.logging_target.as_deref())
        .collect();
    (buckets.iter())
        .find(|b| !log_targets.contains(&b.name.as_str()))
        .unwrap()
        .name
        .clone()
}

fn first_repository(stack: &Stack) -> String {
    stack.inventory.ecr_repositories[0].name.clone()
}

// ---- logs ---------------------------------------------------------------------------------

async fn retention_7_days(stack: &Stack) -> String {
    let group = output(stack, "EcsLogGroupName");
    stack
        .logs()
        .put_retention_policy()
        .log_group_name(group)
        .retention_in_days(7)
        .send()
        .await
        .unwrap();
    group.to_string()
}

/// The retention change, named by the task definition logging there (what ECS-010 judges).
async fn retention_for_task(stack: &Stack) -> String {
    retention_7_days(stack).await;
    stack.inventory.task_definitions[0].family.clone()
}

async fn retention_removed(stack: &Stack) -> String {
    let group = output(stack, "EcsLogGroupName");
    stack
        .logs()
        .delete_retention_policy()
        .log_group_name(group)
        .send()
        .await
        .unwrap();
    group.to_string()
}

// ---- security groups ----------------------------------------------------------------------

async fn ssh_from_internet(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    ingress(
        stack,
        group,
        tcp(22).ip_ranges(from_anywhere("ssh")).build(),
    )
    .await;
    group.to_string()
}

async fn all_protocols_from_alb(stack: &Stack) -> String {
    let group = group_named(stack, "app-sg");
    let alb = group_named(stack, "alb-sg");
    let permission = IpPermission::builder()
        .ip_protocol("-1")
        .user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(alb)
                .description("everything from the ALB")
                .build(),
        )
        .build();
    ingress(stack, group, permission).await;
    group.to_string()
}

async fn postgres_from_internet(stack: &Stack) -> String {
    let group = group_named(stack, "db-sg");
    ingress(
        stack,
        group,
        tcp(5432).ip_ranges(from_anywhere("postgres")).build(),
    )
    .await;
    group.to_string()
}

async fn undescribed_rule(stack: &Stack) -> String {
    let group = group_named(stack, "db-sg");
    let app = group_named(stack, "app-sg");
    let described = stack
        .inventory
        .security_groups
        .iter()
        .find(|g| g.id == group)
        .and_then(|g| {
            g.ingress
                .iter()
                .find(|r| r.group_id.as_deref() == Some(app))
        })
        .and_then(|r| r.description.clone())
        .expect("the database group's rule from the app group");
    let pair = |description: Option<String>| {
        UserIdGroupPair::builder()
            .group_id(app)
            .set_description(description)
            .build()
    };
    // Replace the described rule with the same rule, undescribed.
    stack
        .ec2()
        .revoke_security_group_ingress()
        .group_id(group)
        .ip_permissions(tcp(5432).user_id_group_pairs(pair(Some(described))).build())
        .send()
        .await
        .unwrap();
    ingress(
        stack,
        group,
        tcp(5432).user_id_group_pairs(pair(None)).build(),
    )
    .await;
    group.to_string()
}

async fn default_group_rule(stack: &Stack) -> String {
    let vpc = output(stack, "VpcId");
    let group = stack
        .inventory
        .security_groups
        .iter()
        .find(|g| g.name == "default" && g.vpc_id == vpc)
        .map(|g| g.id.clone())
        .unwrap();
    ingress(
        stack,
        &group,
        tcp(443)
            .ip_ranges(
                IpRange::builder()
                    .cidr_ip("10.0.0.0/16")
                    .description("https")
                    .build(),
            )
            .build(),
    )
    .await;
    group
}

// ---- IAM ----------------------------------------------------------------------------------

async fn full_wildcard(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
    )
    .await;
    role.to_string()
}

async fn pass_role_on_all(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}),
    )
    .await;
    role.to_string()
}

async fn not_action(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": format!("arn:aws:s3:::{}/*", first_bucket(stack))}),
    )
    .await;
    role.to_string()
}

async fn decrypt_any_key(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}),
    )
    .await;
    role.to_string()
}

async fn foreign_bucket(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    inline_policy(
        stack,
        role,
        json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::someone-elses-bucket/*"}),
    )
    .await;
    role.to_string()
}

async fn admin_policy(stack: &Stack) -> String {
    let role = role_named(stack, "task-role");
    stack
        .iam()
        .attach_role_policy()
        .role_name(role)
        .policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
        .send()
        .await
        .unwrap();
    role.to_string()
}

async fn trust(stack: &Stack, principal: serde_json::Value) -> String {
    let role = role_named(stack, "task-role");
    let document = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    ]});
    stack
        .iam()
        .update_assume_role_policy()
        .role_name(role)
        .policy_document(document.to_string())
        .send()
        .await
        .unwrap();
    role.to_string()
}

async fn trust_ec2(stack: &Stack) -> String {
    trust(stack, json!({"Service": "ec2.amazonaws.com"})).await
}

async fn trust_everyone(stack: &Stack) -> String {
    trust(stack, json!({"AWS": "*"})).await
}

// ---- ECR ----------------------------------------------------------------------------------

async fn mutable_tags(stack: &Stack) -> String {
    let repository = first_repository(stack);
    stack
        .ecr()
        .put_image_tag_mutability()
        .repository_name(&repository)
        .image_tag_mutability(aws_sdk_ecr::types::ImageTagMutability::Mutable)
        .send()
        .await
        .unwrap();
    repository
}

/// Recreates the first repository (same name, immutable tags, lifecycle policy, tags) with
/// `scan_on_push`, and its key or AES256 encryption: neither setting can be changed in place on moto (the
/// SDK leaves `scanOnPush: false` out of the request, and moto then keeps scanning; encryption is
/// fixed at creation everywhere).
async fn recreate_repository(stack: &Stack, scan_on_push: bool, keep_key: bool) -> String {
    let repository = &stack.inventory.ecr_repositories[0];
    let ecr = stack.ecr();
    ecr.delete_repository()
        .repository_name(&repository.name)
        .force(true)
        .send()
        .await
        .unwrap();
    let tags = repository.tags.iter().map(|(k, v)| {
        aws_sdk_ecr::types::Tag::builder()
            .key(k)
            .value(v)
            .build()
            .unwrap()
    });
    ecr.create_repository()
        .repository_name(&repository.name)
        .image_tag_mutability(aws_sdk_ecr::types::ImageTagMutability::Immutable)
        .image_scanning_configuration(
            aws_sdk_ecr::types::ImageScanningConfiguration::builder()
                .scan_on_push(scan_on_push)
                .build(),
        )
        .set_encryption_configuration(repository.kms_key.clone().filter(|_| keep_key).map(|key| {
            aws_sdk_ecr::types::EncryptionConfiguration::builder()
                .encryption_type(aws_sdk_ecr::types::EncryptionType::Kms)
                .kms_key(key)
                .build()
                .unwrap()
        }))
        .set_tags(Some(tags.collect()))
        .send()
        .await
        .unwrap();
    if let Some(policy) = &repository.lifecycle_policy {
        ecr.put_lifecycle_policy()
            .repository_name(&repository.name)
            .lifecycle_policy_text(policy.to_string())
            .send()
            .await
            .unwrap();
    }
    repository.name.clone()
}

async fn no_scan_on_push(stack: &Stack) -> String {
    recreate_repository(stack, false, true).await
}

async fn repository_on_aes256(stack: &Stack) -> String {
    recreate_repository(stack, true, false).await
}

async fn bucket_on_s3_key(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    let default = aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::Aes256)
        .build()
        .unwrap();
    stack
        .s3()
        .put_bucket_encryption()
        .bucket(&bucket)
        .server_side_encryption_configuration(
            aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
                .rules(
                    aws_sdk_s3::types::ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(default)
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    bucket
}

async fn no_lifecycle_policy(stack: &Stack) -> String {
    let repository = first_repository(stack);
    stack
        .ecr()
        .delete_lifecycle_policy()
        .repository_name(&repository)
        .send()
        .await
        .unwrap();
    repository
}

// ---- load balancers -----------------------------------------------------------------------

async fn alb_access_logs_off(stack: &Stack) -> String {
    lb_attribute(stack, "access_logs.s3.enabled", "false").await
}

async fn invalid_headers_kept(stack: &Stack) -> String {
    lb_attribute(
        stack,
        "routing.http.drop_invalid_header_fields.enabled",
        "false",
    )
    .await
}

async fn desync_monitor(stack: &Stack) -> String {
    lb_attribute(stack, "routing.http.desync_mitigation_mode", "monitor").await
}

async fn lb_deletion_protection(stack: &Stack) -> String {
    lb_attribute(stack, "deletion_protection.enabled", "true").await
}

// ---- network ------------------------------------------------------------------------------

async fn private_subnet_public_ips(stack: &Stack) -> String {
    let subnet = output(stack, "PrivateSubnetIds")
        .split(',')
        .next()
        .unwrap()
        .to_string();
    stack
        .ec2()
        .modify_subnet_attribute()
        .subnet_id(&subnet)
        .map_public_ip_on_launch(
            aws_sdk_ec2::types::AttributeBooleanValue::builder()
                .value(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    subnet
}

async fn flow_logs_deleted(stack: &Stack) -> String {
    let ids: Vec<String> = stack
        .inventory
        .flow_logs
        .iter()
        .map(|f| f.id.clone())
        .collect();
    stack
        .ec2()
        .delete_flow_logs()
        .set_flow_log_ids(Some(ids))
        .send()
        .await
        .unwrap();
    output(stack, "VpcId").to_string()
}

// ---- KMS ----------------------------------------------------------------------------------

async fn key_disabled(stack: &Stack) -> String {
    let key = output(stack, "KmsKeyId").to_string();
    stack.kms().disable_key().key_id(&key).send().await.unwrap();
    key
}

/// A bucket re-encrypted with a healthy key from outside the stack (rotating, enabled, aliased,
/// but neither named by an output nor aliased with the suffix). The other team's key does not
/// carry this stack's tags, which STACK-004 rightly notices.
async fn bucket_on_foreign_key(stack: &Stack) -> String {
    let kms = stack.kms();
    let key = kms
        .create_key()
        .description("shared platform key")
        .send()
        .await
        .unwrap();
    let key = key.key_metadata().unwrap().arn().unwrap().to_string();
    kms.enable_key_rotation().key_id(&key).send().await.unwrap();
    (kms.create_alias().alias_name("alias/platform-shared"))
        .target_key_id(&key)
        .send()
        .await
        .unwrap();
    let bucket = first_bucket(stack);
    let by_default = aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::AwsKms)
        .kms_master_key_id(key)
        .build()
        .unwrap();
    let rule = aws_sdk_s3::types::ServerSideEncryptionRule::builder()
        .apply_server_side_encryption_by_default(by_default)
        .bucket_key_enabled(true)
        .build();
    let configuration = aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
        .rules(rule)
        .build()
        .unwrap();
    (stack.s3().put_bucket_encryption().bucket(&bucket))
        .server_side_encryption_configuration(configuration)
        .send()
        .await
        .unwrap();
    bucket
}

async fn rotation_off(stack: &Stack) -> String {
    let key = output(stack, "KmsKeyId").to_string();
    stack
        .kms()
        .disable_key_rotation()
        .key_id(&key)
        .send()
        .await
        .unwrap();
    key
}

// ---- S3 -----------------------------------------------------------------------------------

async fn public_access_block_removed(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .delete_public_access_block()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    bucket
}

async fn bucket_policy_removed(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .delete_bucket_policy()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    bucket
}

async fn acls_enabled(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .put_bucket_ownership_controls()
        .bucket(&bucket)
        .ownership_controls(
            aws_sdk_s3::types::OwnershipControls::builder()
                .rules(
                    aws_sdk_s3::types::OwnershipControlsRule::builder()
                        .object_ownership(aws_sdk_s3::types::ObjectOwnership::BucketOwnerPreferred)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    bucket
}

async fn lifecycle_removed(stack: &Stack) -> String {
    let bucket = first_bucket(stack);
    stack
        .s3()
        .delete_bucket_lifecycle()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    bucket
}

// ---- ECS ----------------------------------------------------------------------------------

async fn container_insights_off(stack: &Stack) -> String {
    let cluster = stack.inventory.ecs_clusters[0].name.clone();
    stack
        .ecs()
        .update_cluster()
        .cluster(&cluster)
        .settings(
            aws_sdk_ecs::types::ClusterSetting::builder()
                .name(aws_sdk_ecs::types::ClusterSettingName::ContainerInsights)
                .value("disabled")
                .build(),
        )
        .send()
        .await
        .unwrap();
    cluster
}

mutations! {
    retention_7_days => "LOGS-002" on TransactionProcessing, "ECS log group retention 30 → 7 days", radius ["ECS-010"];
    retention_removed => "LOGS-001" on TransactionProcessing, "ECS log group retention removed (never expire)", radius ["LOGS-002", "ECS-010"];
    ssh_from_internet => "SG-008" on TransactionProcessing, "app group admits tcp/22 from 0.0.0.0/0", radius ["SG-001", "SG-005", "SG-010"];
    all_protocols_from_alb => "SG-002" on TransactionProcessing, "app group admits all protocols from the ALB group", radius ["SG-003", "SG-010"];
    postgres_from_internet => "SG-004" on TransactionProcessing, "database group admits tcp/5432 from 0.0.0.0/0", radius ["SG-001"];
    undescribed_rule => "SG-007" on TransactionProcessing, "database group's rule from the app group loses its description", radius [];
    default_group_rule => "VPC-014" on TransactionProcessing, "the VPC's default group admits tcp/443", radius [];
    full_wildcard => "IAM-001" on TransactionProcessing, "task role gets an inline Allow * on *", radius ["IAM-002", "IAM-004", "IAM-005", "IAM-008", "IAM-009", "IAM-010"];
    pass_role_on_all => "IAM-005" on TransactionProcessing, "task role may iam:PassRole on *", radius ["IAM-004"];
    not_action => "IAM-003" on TransactionProcessing, "task role gets an Allow with NotAction", radius [];
    decrypt_any_key => "IAM-008" on TransactionProcessing, "task role may kms:Decrypt with any key", radius ["IAM-004", "IAM-010"];
    foreign_bucket => "IAM-009" on TransactionProcessing, "task role may read a bucket outside the stack", radius [];
    admin_policy => "IAM-006" on TransactionProcessing, "AdministratorAccess attached to the task role", radius ["IAM-009", "IAM-010"];
    trust_ec2 => "IAM-007" on TransactionProcessing, "task role trusts ec2.amazonaws.com too", radius [];
    trust_everyone => "IAM-011" on TransactionProcessing, "task role trusts the principal AWS: *", radius ["IAM-007"];
    mutable_tags => "ECR-001" on Microservices, "repository tags made mutable", radius [];
    no_scan_on_push => "ECR-002" on Microservices, "scan on push turned off", radius [];
    no_lifecycle_policy => "ECR-003" on Microservices, "repository lifecycle policy deleted", radius [];
    edge::cross_zone_off => "ELB-005" on TransactionProcessing, "cross-zone load balancing off", radius [];
    invalid_headers_kept => "ELB-006" on TransactionProcessing, "invalid header fields no longer dropped", radius [];
    desync_monitor => "ELB-009" on TransactionProcessing, "desync mitigation set to monitor", radius [];
    lb_deletion_protection => "ELB-008" on TransactionProcessing, "load balancer deletion protection on", radius ["STACK-005"];
    private_subnet_public_ips => "VPC-015" on TransactionProcessing, "a private subnet auto-assigns public IPs", radius [];
    flow_logs_deleted => "VPC-013" on TransactionProcessing, "the VPC's flow logs deleted", radius ["VPC-024"];
    data::db_deletion_protection => "RDS-004" on TransactionProcessing, "Aurora deletion protection on", radius ["STACK-005"];
    data::no_tags_to_snapshots => "RDS-015" on TransactionProcessing, "Aurora stops copying tags to snapshots", radius [];
    key_disabled => "KMS-001" on TransactionProcessing, "the stack's key disabled", radius ["KMS-004"];
    rotation_off => "ENC-008" on TransactionProcessing, "key rotation turned off", radius [];
    public_access_block_removed => "S3-001" on TransactionProcessing, "a bucket's public access block deleted", radius [];
    bucket_policy_removed => "S3-002" on TransactionProcessing, "a bucket's TLS-only policy deleted", radius [];
    acls_enabled => "S3-005" on TransactionProcessing, "a bucket's ownership set to BucketOwnerPreferred (ACLs on)", radius [];
    lifecycle_removed => "S3-007" on TransactionProcessing, "a bucket's lifecycle rules deleted", radius [];
    container_insights_off => "ECS-011" on TransactionProcessing, "Container Insights turned off", radius [];
    ecs::privileged => "ECS-003" on TransactionProcessing, "task revision runs its container privileged", radius [];
    ecs::writable_root => "ECS-004" on TransactionProcessing, "task revision makes the root filesystem writable", radius [];
    ecs::plain_password => "ECS-005" on TransactionProcessing, "task revision adds a plain DB_PASSWORD variable", radius [];
    ecs::access_key_value => "ECS-006" on TransactionProcessing, "task revision adds a variable holding an access key id", radius [];
    ecs::json_file_logs => "ECS-007" on TransactionProcessing, "task revision logs with json-file instead of awslogs", radius ["ECS-008", "ECS-009", "ECS-010", "OBS-005"];
    ecs::no_stream_prefix => "ECS-008" on TransactionProcessing, "task revision drops awslogs-stream-prefix", radius [];
    ecs::foreign_log_group => "ECS-009" on TransactionProcessing, "task revision logs to a group outside the stack", radius ["ECS-010", "OBS-005", "INV-001"];
    ecs::x86 => "ECS-001" on TransactionProcessing, "task revision on X86_64", radius [];
    ecs::bridge_mode => "ECS-021" on TransactionProcessing, "task revision in bridge network mode (EC2 only: moto gives Fargate tasks awsvpc)", radius ["ECS-028"];
    ecs::ec2_only => "ECS-028" on TransactionProcessing, "task revision requires EC2 only", radius [];
    ecs::same_roles => "ECS-012" on TransactionProcessing, "task revision uses the execution role as task role", radius ["IAM-009", "IAM-010"];
    ecs::old_platform => "ECS-013" on TransactionProcessing, "service pinned to platform version 1.3.0", radius [];
    ecs::public_ip => "ECS-002" on TransactionProcessing, "service assigns public IPs", radius [];
    ecs::public_subnets => "ECS-019" on TransactionProcessing, "service moved to the public subnets", radius [];
    ecs::smaller_task => "ECS-017" on Microservices, "task revision at 256 CPU / 512 MiB", radius ["ECS-018"];
    ecs::public_image => "ECS-026" on Microservices, "task revision pulls a public image", radius ["ECS-033", "ECS-025"];
    ecs::missing_secret => "ECS-023" on Microservices, "task revision references a secret that does not exist", radius ["ECS-024", "INV-001"];
    ecs::shared_task_role => "ECS-029" on Microservices, "a second service takes the first service's task role", radius [];
    ecs::one_task => "ECS-027" on Microservices, "a service scaled to one task", radius ["SCALE-005"];
    ecs::fargate_only => "ECS-014" on Microservices, "cluster offers FARGATE only", radius ["ECS-015"];
    ecs::even_weights => "ECS-015" on Microservices, "cluster's default strategy weights evened", radius [];
    network::private_route_to_igw => "VPC-006" on TransactionProcessing, "private default route sent to the internet gateway", radius ["VPC-017"];
    network::public_route_removed => "VPC-007" on TransactionProcessing, "public default route deleted", radius ["VPC-017", "VPC-025"];
    network::internet_gateway_unrouted => "VPC-025" on TransactionProcessing, "the internet gateway attached but routed to by nothing", radius ["VPC-007", "VPC-017"];
    network::spare_route_table => "VPC-026" on TransactionProcessing, "a route table with a default route to the internet gateway and no subnet", radius [];
    network::private_route_removed => "VPC-017" on Microservices, "private default route (NAT) deleted", radius [];
    network::second_nat => "VPC-008" on TransactionProcessing, "a second NAT gateway", radius [];
    network::nat_in_private_subnet => "VPC-016" on TransactionProcessing, "a NAT gateway in a private subnet", radius ["VPC-008"];
    network::s3_endpoint_deleted => "VPC-009" on TransactionProcessing, "the S3 gateway endpoint deleted", radius ["VPC-010"];
    network::endpoint_off_private_routes => "VPC-010" on TransactionProcessing, "the S3 endpoint detached from the private route table", radius [];
    network::internet_gateway_removed => "VPC-018" on TransactionProcessing, "the internet gateway detached and deleted", radius ["VPC-007", "VPC-017", "VPC-025"];
    network::reject_only_flow_log => "VPC-024" on TransactionProcessing, "a flow log of rejected traffic only", radius [];
    network::third_private_subnet => "VPC-004" on TransactionProcessing, "a third private subnet", radius ["VPC-005"];
    network::third_public_subnet => "VPC-003" on TransactionProcessing, "a third public subnet", radius ["VPC-005"];
    network::subnet_in_third_zone => "VPC-002" on TransactionProcessing, "a private subnet in a third zone", radius ["VPC-004"];
    edge::lb_in_private_subnets => "ELB-003" on TransactionProcessing, "internet-facing ALB moved to the private subnets", radius [];
    edge::http_forwards => "ELB-010" on Microservices, "HTTP listener forwards instead of redirecting", radius [];
    edge::old_tls_policy => "ELB-011" on Microservices, "HTTPS listener on ELBSecurityPolicy-2016-08 (TLS 1.0)", radius [];
    edge::extra_listener_port => "ELB-012" on Microservices, "a listener on port 8081", radius ["ELB-010"];
    edge::listeners_deleted => "ELB-017" on TransactionProcessing, "every listener deleted", radius ["ECS-030", "SG-009"];
    edge::unserved_group_in_outputs => "ELB-017" on TransactionProcessing, "a target group no listener uses, named by a new output", radius [];
    edge::health_interval_60 => "ELB-013" on BlueGreen, "health-check interval 60 s", radius [];
    edge::health_check_disabled => "ELB-015" on TransactionProcessing, "target group health checks disabled", radius [];
    edge::healthy_threshold_10 => "ELB-014" on Microservices, "healthy threshold 10", radius [];
    edge::even_split => "ELB-016" on BlueGreen, "blue/green weights 50/50", radius [];
    data::public_instance => "RDS-003" on TransactionProcessing, "writer made publicly accessible", radius [];
    data::x86_instance_class => "RDS-006" on TransactionProcessing, "writer moved to db.r5.large", radius [];
    data::extra_instance => "RDS-008" on TransactionProcessing, "a third instance in the writer's zone", radius ["RDS-009", "RDS-010"];
    data::extra_instance => "RDS-009" on TransactionProcessing, "a third instance in the writer's zone", radius ["RDS-008", "RDS-010"];
    data::extra_instance => "RDS-010" on TransactionProcessing, "a third instance in the writer's zone", radius ["RDS-008", "RDS-009"];
    data::subnet_group_public => "RDS-005" on TransactionProcessing, "DB subnet group moved to the public subnets", radius [];
    data::subnet_group_two_zones => "RDS-012" on BlueGreen, "DB subnet group cut to two zones", radius [];
    data::backups_14_days => "RDS-001" on BlueGreen, "backup retention 7 → 14 days", radius [];
    data::backups_1_day => "RDS-002" on AnalyticsPlatform, "backup retention 7 → 1 day", radius ["RDS-001"];
    data::public_read_statement => "S3-008" on TransactionProcessing, "bucket policy allows s3:GetObject to everyone", radius [];
    data::bucket_deleted => "S3-009" on TransactionProcessing, "the logs bucket deleted", radius ["INV-001"];
    data::versioning_suspended => "S3-003" on AnalyticsPlatform, "bucket versioning suspended", radius [];
    data::default_encryption_removed => "ENC-001" on TransactionProcessing, "bucket default encryption deleted", radius ["ENC-002", "KMS-004"];
    data::key_open_to_everyone => "KMS-002" on TransactionProcessing, "key policy lets everyone decrypt", radius [];
    data::alias_deleted => "KMS-003" on TransactionProcessing, "the key's alias deleted", radius ["STACK-002"];
    bucket_on_foreign_key => "KMS-004" on TransactionProcessing, "a bucket re-keyed to a key from outside the stack", radius ["STACK-004"];
    data::secret_on_aws_key => "ENC-006" on Microservices, "a secret re-keyed to aws/secretsmanager", radius ["KMS-004"];
    data::secret_deleted => "SEC-002" on Microservices, "a secret deleted", radius ["ECS-023", "ECS-024", "INV-001", "SEC-003"];
    data::log_group_unencrypted => "ENC-005" on AnalyticsPlatform, "a log group's KMS key disassociated", radius [];
    data::log_group_deleted => "OBS-004" on TransactionProcessing, "the ECS log group deleted", radius ["ECS-009", "ECS-010", "INV-001", "OBS-005"];
    data::target_deregistered => "SCALE-001" on Microservices, "a service's scalable target deregistered", radius ["SCALE-003", "SCALE-005"];
    data::max_20 => "SCALE-002" on Microservices, "scaling maximum 10 → 20", radius [];
    data::policy_deleted => "SCALE-003" on Microservices, "a CPU target-tracking policy deleted", radius [];
    data::target_value_95 => "SCALE-004" on Microservices, "CPU target 95 %", radius [];
    data::desired_above_max => "SCALE-005" on Microservices, "desired count 15 above the maximum 10", radius [];
    access::service_on_everything => "IAM-002" on TransactionProcessing, "task role may s3:* on *", radius ["IAM-004", "IAM-009"];
    access::get_object_anywhere => "IAM-004" on TransactionProcessing, "task role may s3:GetObject on *", radius ["IAM-009"];
    access::foreign_key => "IAM-010" on TransactionProcessing, "task role may decrypt with another account's key", radius [];
    access::execution_role_without_secrets => "ECS-024" on Microservices, "execution role's policy no longer grants the secrets", radius [];
    access::execution_role_without_pulls => "ECS-033" on Microservices, "AWS's execution policy detached from the execution role", radius [];
    access::https_to_app_from_internet => "SG-001" on TransactionProcessing, "app group admits tcp/8080 from 0.0.0.0/0", radius ["SG-005"];
    access::full_port_range_from_alb => "SG-003" on TransactionProcessing, "app group admits tcp/0-65535 from the ALB group", radius ["SG-010"];
    access::app_from_vpc_range => "SG-005" on TransactionProcessing, "app group admits tcp/8080 from 10.0.0.0/16", radius [];
    access::database_egress_open => "SG-006" on TransactionProcessing, "database group gets egress to 0.0.0.0/0", radius [];
    access::alb_extra_port => "SG-009" on TransactionProcessing, "ALB group admits tcp/8443 from the internet", radius ["SG-001"];
    access::app_extra_port => "SG-010" on TransactionProcessing, "app group admits tcp/9090 from the ALB group", radius [];
    access::name_without_suffix => "STACK-002" on TransactionProcessing, "the VPC renamed without the suffix", radius [];
    access::name_with_prod => "STACK-003" on TransactionProcessing, "the VPC renamed with `prod` in it", radius [];
    access::required_tag_removed => "STACK-004" on TransactionProcessing, "the VPC loses its EnvironmentSuffix tag", radius [];
    lb_deletion_protection => "STACK-005" on TransactionProcessing, "load balancer deletion protection on", radius ["ELB-008"];
    data::logs_bucket_deleted => "INV-001" on TransactionProcessing, "the logs bucket deleted", radius ["S3-009"];
    ecs::unregistered => "MAP-002" on Microservices, "a service stops registering in Cloud Map", radius ["MAP-004"];
    ecs::no_dns_records => "MAP-004" on Microservices, "a discovery service's DNS records emptied", radius [];
    ecs::shared_log_group => "OBS-005" on Microservices, "a second service logs into the first service's group", radius [];
    ecs::container_port_8081 => "ECS-031" on TransactionProcessing, "task revision moves the container to port 8081", radius ["SG-010"];
    ecs::secret_from_s3 => "ECS-022" on Microservices, "task revision takes a secret from an S3 object", radius ["ECS-023", "ECS-024"];
    ecs::smaller_task => "ECS-018" on AnalyticsPlatform, "task revision at 256 CPU / 512 MiB", radius [];
    ecs::secret_unreferenced => "SEC-003" on Microservices, "no task definition references the api-keys secret any more", radius [];
    ecs::repository_deleted => "ECR-005" on Microservices, "a repository deleted", radius ["ECS-026", "ECS-033", "INV-001"];
    retention_for_task => "ECS-010" on TransactionProcessing, "ECS log group retention 30 → 7 days", radius ["LOGS-002"];
    network::third_private_subnet_in_tier => "VPC-005" on TransactionProcessing, "a third private subnet, in a zone already used", radius ["VPC-004"];
    network::interface_endpoint_deleted => "VPC-011" on AnalyticsPlatform, "an interface endpoint deleted", radius [];
    network::interface_endpoint_in_public_subnet => "VPC-012" on AnalyticsPlatform, "an interface endpoint added to a public subnet", radius [];
    network::interface_endpoint_private_dns_off => "VPC-023" on AnalyticsPlatform, "an interface endpoint's private DNS off", radius [];
    edge::dualstack => "ELB-002" on BlueGreen, "load balancer switched to dualstack", radius [];
    edge::listeners_deleted_for_service => "ECS-030" on TransactionProcessing, "every listener deleted", radius ["ELB-017", "SG-009"];
    environments::topic_deleted => "OBS-001" on MultiEnvironment, "prod's alert topic deleted", radius ["ENC-007", "INV-001", "OBS-003"];
    environments::topic_on_aws_key => "ENC-007" on MultiEnvironment, "prod's alert topic re-keyed to aws/sns (moto has no such alias: INV-001 lists it missing)", radius ["KMS-004", "INV-001"];
    environments::parameters_deleted => "SSM-001" on MultiEnvironment, "prod's SSM parameters deleted", radius ["INV-001", "SSM-002"];
    environments::peerings_deleted => "VPC-021" on MultiEnvironment, "prod's peering connections deleted", radius ["VPC-022"];
    environments::peering_route_deleted => "VPC-022" on MultiEnvironment, "prod's routes to its first peer deleted", radius [];
    environments::instance_class_changed => "RDS-016" on MultiEnvironment, "a prod instance moved to db.r6g.large", radius [];
    environments::password_in_plain_string => "SSM-002" on MultiEnvironment, "prod's db-password stored as a plain String", radius [];
    environments::alarm_to_foreign_topic => "OBS-003" on MultiEnvironment, "the CPU alarm notifies a topic outside the stack", radius [];
    environments::dashboard_emptied => "OBS-002" on MultiEnvironment, "the dashboard charts nothing", radius [];
    environments::image_latest => "ECS-025" on MultiEnvironment, "prod's task revision runs the `latest` tag", radius [];
    repository_on_aes256 => "ECR-004" on Microservices, "a repository recreated with AES256 instead of the stack's key", radius [];
    bucket_on_s3_key => "ENC-002" on TransactionProcessing, "a bucket's default encryption switched to SSE-S3", radius [];
    access::subnet_outputs_dropped => "STACK-006" on Microservices, "the subnet outputs dropped from the outputs file", radius [];
    data::serverless_minimum_zero => "RDS-011" on AnalyticsPlatform, "Serverless v2 minimum capacity 0 ACU (auto-pause)", radius [];
    edge::instance_target_group => "ECS-032" on TransactionProcessing, "an instance-type target group behind a listener rule added to the service", radius [];
    data::bucket_logging_off => "S3-006" on TransactionProcessing, "the data bucket's server access logging turned off", radius [];
    alb_access_logs_off => "ELB-007" on TransactionProcessing, "the load balancer's access logs turned off", radius [];
    data::rotation_every_90_days => "SEC-001" on AnalyticsPlatform, "the database credentials rotate every 90 days (profile: 30)", radius [];
    data::glacier_rule_removed => "S3-004" on AnalyticsPlatform, "the Glacier lifecycle rule deleted", radius ["S3-007"];
}

/// Checks with neither a mutation nor a reason yet, at most (docs/mutation-matrix.md lists
/// them): none are left, and a new check must come with its mutation or its reason.
pub const PENDING_AT_MOST: usize = 0;

/// Checks whose violation is not a state of the stack but a failed API call: no change to the
/// stack can cause it, so tests/faults.rs proves them live instead, through the fault proxy
/// (every operation of a clean run denied in turn).
pub const PROVEN_BY_FAULTS: &[(&str, &str)] = &[(
    "INV-002",
    "tests/faults.rs denies each operation of a clean run in turn; INV-002 must name it in an error every time",
)];

/// Checks the emulator cannot break (or whose compliant state it cannot build), with why: they
/// are proven by their fixtures only.
pub const INEXPRESSIBLE: &[(&str, &str)] = &[
    (
        "INV-003",
        "judges a template's resources (template mode); a deployed stack has no template. template/tests/judge.rs flips it with a bucket policy for a bucket the template does not declare",
    ),
    (
        "MAP-003",
        "a Cloud Map discovery service cannot move to another namespace, and the ECS services name theirs at creation",
    ),
    (
        "RDS-014",
        "moto ignores ModifyDBCluster's EnableIAMDatabaseAuthentication, and a cluster cannot be recreated under the stack's outputs",
    ),
    (
        "STACK-001",
        "a deployed stack cannot be moved to another region",
    ),
    (
        "MAP-001",
        "a Cloud Map namespace's type (private or public DNS) cannot be changed, and discovery services cannot move between namespaces",
    ),
    (
        "VPC-001",
        "a VPC's primary CIDR block cannot be changed after creation",
    ),
    (
        "VPC-019",
        "AWS and moto refuse subnets outside their VPC's blocks or overlapping another subnet",
    ),
    (
        "VPC-020",
        "a stack's VPC cannot be turned into the account's default VPC",
    ),
    (
        "ENC-003",
        "an encrypted Aurora cluster cannot be decrypted in place",
    ),
    (
        "ENC-004",
        "an Aurora cluster's KMS key cannot be changed in place",
    ),
    (
        "RDS-007",
        "an Aurora cluster's engine cannot be changed in place",
    ),
    (
        "RDS-017",
        "Aurora instances take their encryption from the cluster, which cannot be decrypted",
    ),
    (
        "ELB-001",
        "a load balancer's scheme cannot be changed after creation",
    ),
    (
        "ELB-004",
        "AWS and moto refuse an application load balancer in fewer than two zones (the check guards network load balancers and stacks built elsewhere)",
    ),
    (
        "RDS-013",
        "moto ignores ModifyDBCluster's CloudwatchLogsExportConfiguration, and a cluster cannot be recreated under the stack's outputs",
    ),
    (
        "ECS-016",
        "moto does not model a service's capacity provider strategy (the check skips on it)",
    ),
    (
        "ECS-020",
        "moto does not model a service's health-check grace period (the check skips on it)",
    ),
];
