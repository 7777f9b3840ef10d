//! Collectors without the network: the real SDK clients answered by `aws-smithy-mocks` rules,
//! for the cases an emulator cannot stage (throttling past retries, access denied).

use aws_sdk_cloudwatchlogs::operation::describe_log_groups::{
    DescribeLogGroupsError, DescribeLogGroupsOutput,
};
use aws_sdk_cloudwatchlogs::types::LogGroup;
use aws_sdk_kms::operation::list_aliases::ListAliasesOutput;
use aws_sdk_kms::types::AliasListEntry;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::error::ErrorMetadata;
use aws_types::SdkConfig;
use aws_types::region::Region;
use stackproof_collector::api_calls::ApiCallCounter;
use stackproof_collector::clients::Clients;
use stackproof_collector::services::{cloudmap, kms, logs};

fn clients() -> Clients {
    let config = SdkConfig::builder()
        .region(Region::new("us-east-1"))
        .behavior_version(
            aws_smithy_runtime_api::client::behavior_version::BehaviorVersion::latest(),
        )
        .build();
    Clients::new(&config, &ApiCallCounter::default(), false)
}

#[tokio::test]
async fn a_log_group_is_matched_by_exact_name_among_prefix_results() {
    let listing = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups).then_output(|| {
        DescribeLogGroupsOutput::builder()
            .log_groups(
                LogGroup::builder()
                    .log_group_name("/ecs/app-extra")
                    .retention_in_days(7)
                    .build(),
            )
            .log_groups(
                LogGroup::builder()
                    .log_group_name("/ecs/app")
                    .retention_in_days(30)
                    .kms_key_id("arn:aws:kms:us-east-1:1:key/k")
                    .build(),
            )
            .build()
    });
    let tags = mock!(aws_sdk_cloudwatchlogs::Client::list_tags_for_resource).then_output(|| {
        aws_sdk_cloudwatchlogs::operation::list_tags_for_resource::ListTagsForResourceOutput::builder()
            .tags("EnvironmentSuffix", "x1")
            .build()
    });
    let mut clients = clients();
    clients.logs = mock_client!(
        aws_sdk_cloudwatchlogs,
        RuleMode::MatchAny,
        &[&listing, &tags]
    );
    let group = logs::collect(&clients, "/ecs/app").await.unwrap();
    assert_eq!(group.retention_days, Some(30));
    assert_eq!(
        group.tags.get("EnvironmentSuffix").map(String::as_str),
        Some("x1")
    );
    assert_eq!(
        group.kms_key_id.as_deref(),
        Some("arn:aws:kms:us-east-1:1:key/k")
    );
    assert!(group.errors.is_empty());
}

#[tokio::test]
async fn an_absent_log_group_is_missing() {
    let listing = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups)
        .then_output(|| DescribeLogGroupsOutput::builder().build());
    let mut clients = clients();
    clients.logs = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::MatchAny, &[&listing]);
    let missing = logs::collect(&clients, "/ecs/gone").await.unwrap_err();
    assert_eq!(
        (missing.kind.as_str(), missing.operation.as_str()),
        ("log-group", "logs:DescribeLogGroups")
    );
}

#[tokio::test]
async fn access_denied_is_recorded_on_the_resource_with_the_operation() {
    let denied = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups)
        .sequence()
        .error(|| {
            DescribeLogGroupsError::generic(
                ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("not authorized")
                    .build(),
            )
        })
        .repeatedly()
        .build();
    let mut clients = clients();
    clients.logs = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::MatchAny, &[&denied]);
    let group = logs::collect(&clients, "/ecs/app").await.unwrap();
    let error = &group.errors["*"];
    assert_eq!(error.operation, "logs:DescribeLogGroups");
    assert!(
        error.message.contains("AccessDeniedException") && error.message.contains("not authorized"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn throttling_past_the_retries_is_an_error_not_a_value() {
    let throttled = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups)
        .sequence()
        .error(|| {
            DescribeLogGroupsError::generic(
                ErrorMetadata::builder()
                    .code("ThrottlingException")
                    .message("Rate exceeded")
                    .build(),
            )
        })
        .repeatedly()
        .build();
    let mut clients = clients();
    clients.logs = mock_client!(aws_sdk_cloudwatchlogs, RuleMode::MatchAny, &[&throttled]);
    let group = logs::collect(&clients, "/ecs/app").await.unwrap();
    assert!(group.errors["*"].message.contains("ThrottlingException"));
    assert_eq!(group.retention_days, None);
    assert!(throttled.num_calls() >= 1);
}

#[tokio::test]
async fn key_references_resolve_to_key_ids_with_one_alias_listing() {
    let aliases = mock!(aws_sdk_kms::Client::list_aliases).then_output(|| {
        ListAliasesOutput::builder()
            .aliases(
                AliasListEntry::builder()
                    .alias_name("alias/stack")
                    .target_key_id("key-1")
                    .build(),
            )
            .build()
    });
    let mut clients = clients();
    clients.kms = mock_client!(aws_sdk_kms, RuleMode::MatchAny, &[&aliases]);
    let references = [
        "alias/stack",
        "arn:aws:kms:us-east-1:123456789012:alias/stack",
        "arn:aws:kms:us-east-1:123456789012:key/key-1",
        "key-2",
        "alias/unknown",
    ];
    let keys = kms::Keys::new(&clients, 8);
    let resolved = keys
        .resolve(references.iter().map(|r| r.to_string()).collect())
        .await;
    assert_eq!(
        resolved.into_iter().collect::<Vec<_>>(),
        ["alias/unknown", "key-1", "key-2"]
    );
    // Another branch of the same collection resolving aliases lists them no second time.
    let again = keys.resolve(["alias/stack".to_string()].into()).await;
    assert_eq!(again.into_iter().collect::<Vec<_>>(), ["key-1"]);
    assert_eq!(aliases.num_calls(), 1);
}

/// Emulators (moto) ignore ListServices' namespace filter and list every service of the
/// account: a service is kept only when GetService places it in the namespace.
#[tokio::test]
async fn cloud_map_services_of_other_namespaces_are_left_out() {
    use aws_sdk_servicediscovery::operation::{
        get_namespace::GetNamespaceOutput, get_service::GetServiceOutput,
        list_services::ListServicesOutput,
    };
    use aws_sdk_servicediscovery::types::{Namespace, Service, ServiceSummary};

    let namespace = mock!(aws_sdk_servicediscovery::Client::get_namespace).then_output(|| {
        GetNamespaceOutput::builder()
            .namespace(Namespace::builder().id("ns-a").name("a.local").build())
            .build()
    });
    let listing = mock!(aws_sdk_servicediscovery::Client::list_services).then_output(|| {
        ListServicesOutput::builder()
            .services(ServiceSummary::builder().id("srv-a").name("api").build())
            .services(ServiceSummary::builder().id("srv-b").name("other").build())
            .build()
    });
    let service = |id: &'static str, namespace: &'static str| {
        mock!(aws_sdk_servicediscovery::Client::get_service)
            .match_requests(move |request| request.id() == Some(id))
            .then_output(move || {
                GetServiceOutput::builder()
                    .service(Service::builder().id(id).namespace_id(namespace).build())
                    .build()
            })
    };
    let (a, b) = (service("srv-a", "ns-a"), service("srv-b", "ns-b"));
    let mut clients = clients();
    clients.discovery = mock_client!(
        aws_sdk_servicediscovery,
        RuleMode::MatchAny,
        &[&namespace, &listing, &a, &b]
    );
    let discovery = cloudmap::collect(
        &clients,
        &["ns-a".to_string()].into(),
        &["srv-a".to_string()].into(),
    )
    .await;
    let names: Vec<&str> = discovery.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["api"]);
    assert_eq!(discovery.namespaces.len(), 1);
    // srv-a was looked up once (as the ECS registry), srv-b once to place it.
    assert_eq!((a.num_calls(), b.num_calls()), (1, 1));
}
