//! Outputs parsing and classification over sample files in every style, and parser properties.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rstest::rstest;
use serde_json::{Value, json};
use stackproof_collector::outputs::{
    Anchor, AnchorKind, OutputsError, OutputsFormat, anchors_of, environment_suffix, parse_outputs,
};

fn sample(name: &str) -> (OutputsFormat, Vec<Anchor>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/outputs")
        .join(name);
    anchors_of(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

fn find<'a>(anchors: &'a [Anchor], key: &str) -> Vec<&'a Anchor> {
    anchors
        .iter()
        .filter(|a| {
            a.key == key
                || a.key.starts_with(&format!("{key}["))
                || a.key.starts_with(&format!("{key}."))
        })
        .collect()
}

fn kinds(anchors: &[&Anchor]) -> Vec<AnchorKind> {
    anchors.iter().map(|a| a.kind).collect()
}

#[rstest]
fn every_sample_is_classified_and_snapshotted(
    #[files("../fixtures/outputs/*.json")] path: PathBuf,
) {
    let name = path.file_name().unwrap().to_str().unwrap();
    let (format, anchors) = sample(name);
    let table: Vec<String> = anchors
        .iter()
        .map(|a| {
            format!(
                "{:?} {} ← {} ({})",
                a.kind,
                a.id,
                a.key,
                a.stack.as_deref().unwrap_or("-")
            )
        })
        .collect();
    insta::assert_json_snapshot!(name.replace(".json", ""), (format, table));
}

#[test]
fn cdk_flat_keys_with_suffixes_lists_in_strings_and_prose() {
    let (format, anchors) = sample("cdk-flat.json");
    assert_eq!(format, OutputsFormat::Flat);
    assert_eq!(kinds(&find(&anchors, "VpcIdsyntho1ccp")), [AnchorKind::Vpc]);
    assert_eq!(
        kinds(&find(&anchors, "PublicSubnetIdssyntho1ccp")),
        [AnchorKind::Subnet, AnchorKind::Subnet],
        "comma-joined list"
    );
    assert_eq!(
        kinds(&find(&anchors, "PrivateSubnetIdssyntho1ccp")),
        [AnchorKind::Subnet, AnchorKind::Subnet],
        "JSON list in a string"
    );
    let endpoint = find(&anchors, "AuroraEndpointsyntho1ccp")[0];
    assert_eq!(
        (endpoint.kind, endpoint.id.as_str()),
        (AnchorKind::DbClusterEndpoint, "tp-aurora-syntho1ccp")
    );
    assert_eq!(
        find(&anchors, "AuroraReaderEndpointsyntho1ccp")[0].kind,
        AnchorKind::DbClusterReaderEndpoint
    );
    assert_eq!(
        find(&anchors, "LogsBucketNamesyntho1ccp")[0].kind,
        AnchorKind::Bucket
    );
    assert_eq!(
        find(&anchors, "DataBucketArnsyntho1ccp")[0].kind,
        AnchorKind::Bucket
    );
    assert_eq!(
        find(&anchors, "EcsClusterNamesyntho1ccp")[0].kind,
        AnchorKind::EcsCluster
    );
    assert_eq!(
        find(&anchors, "EcsLogGroupsyntho1ccp")[0].kind,
        AnchorKind::LogGroup
    );
    assert_eq!(
        find(&anchors, "KmsKeyIdsyntho1ccp")[0].kind,
        AnchorKind::KmsKey
    );
    let prose = find(&anchors, "Descriptionsyntho1ccp");
    assert_eq!(prose.len(), 1, "prose with a comma is not split");
    assert_eq!(prose[0].kind, AnchorKind::Unclassified);
    assert_eq!(
        find(&anchors, "DesiredCountsyntho1ccp")[0].kind,
        AnchorKind::Setting
    );
}

#[test]
fn cdk_nested_keeps_the_stack_name() {
    let (format, anchors) = sample("cdk-nested.json");
    assert_eq!(format, OutputsFormat::CdkNested);
    let vpc = find(&anchors, "VpcId")[0];
    assert_eq!(vpc.stack.as_deref(), Some("TapStacksyntho2"));
    assert_eq!(
        find(&anchors, "LoadBalancerDNS")[0].kind,
        AnchorKind::LoadBalancerDns
    );
    assert_eq!(
        find(&anchors, "DatabaseEndpoint")[0].kind,
        AnchorKind::DbClusterEndpoint,
        "a port suffix is allowed"
    );
    assert_eq!(
        find(&anchors, "DashboardName")[0].kind,
        AnchorKind::Dashboard
    );
    assert_eq!(
        find(&anchors, "AlertTopicArn")[0].kind,
        AnchorKind::SnsTopic
    );
}

#[test]
fn pulumi_arrays_and_objects_are_flattened() {
    let (format, anchors) = sample("pulumi.json");
    assert_eq!(format, OutputsFormat::Pulumi);
    assert_eq!(
        kinds(&find(&anchors, "publicSubnetIds")),
        [AnchorKind::Subnet; 3]
    );
    let repos = find(&anchors, "ecrRepositoryUrls");
    assert_eq!(kinds(&repos), [AnchorKind::EcrRepository; 2]);
    assert!(
        repos.iter().any(|a| a.id == "api-gateway-dev42"),
        "tag stripped from the repository name"
    );
    assert_eq!(
        kinds(&find(&anchors, "serviceArns")),
        [AnchorKind::EcsService; 2]
    );
    assert_eq!(
        find(&anchors, "namespaceId")[0].kind,
        AnchorKind::CloudMapNamespace
    );
    assert_eq!(find(&anchors, "dbSecretArn")[0].kind, AnchorKind::Secret);
    assert_eq!(find(&anchors, "kmsAlias")[0].kind, AnchorKind::KmsAlias);
    assert_eq!(
        find(&anchors, "configParameter")[0].kind,
        AnchorKind::SsmParameter
    );
    assert_eq!(find(&anchors, "accountId")[0].kind, AnchorKind::AccountId);
    assert_eq!(find(&anchors, "owner")[0].kind, AnchorKind::Unclassified);
}

#[test]
fn terraform_values_are_unwrapped_and_sensitive_ones_hidden() {
    let (format, anchors) = sample("terraform.json");
    assert_eq!(format, OutputsFormat::Terraform);
    assert_eq!(
        kinds(&find(&anchors, "private_subnet_ids")),
        [AnchorKind::Subnet; 2]
    );
    assert_eq!(
        find(&anchors, "aurora_cluster_identifier")[0].kind,
        AnchorKind::DbCluster
    );
    let key = find(&anchors, "aurora_kms_key_arn")[0];
    assert_eq!(
        (key.kind, key.region.as_deref()),
        (AnchorKind::KmsKey, Some("us-east-2"))
    );
    assert_eq!(
        kinds(&find(&anchors, "log_group_names")),
        [AnchorKind::LogGroup; 2]
    );
    assert_eq!(
        kinds(&find(&anchors, "endpoint_ids")),
        [AnchorKind::VpcEndpoint; 2]
    );
    assert_eq!(
        find(&anchors, "kinesis_stream_arn")[0].kind,
        AnchorKind::OtherArn
    );
    let password = find(&anchors, "db_password")[0];
    assert_eq!(password.value, "<sensitive>");
    assert_eq!(password.kind, AnchorKind::Setting);
    assert!(
        anchors
            .iter()
            .all(|a| !a.value.contains("correct-horse") && !a.id.contains("correct-horse")),
        "a sensitive value leaked"
    );
}

#[test]
fn malformed_files_are_clear_errors() {
    let path = Path::new("cfn-outputs/flat-outputs.json");
    let error = parse_outputs("{\"VpcId\": ", path).unwrap_err();
    assert!(
        matches!(error, OutputsError::Json { .. })
            && error.to_string().contains("flat-outputs.json"),
        "{error}"
    );
    let error = parse_outputs("[1, 2]", path).unwrap_err();
    assert!(
        error.to_string().contains("must hold a JSON object")
            && error.to_string().contains("an array"),
        "{error}"
    );
}

/// Arbitrary JSON documents of outputs.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
        "(vpc|subnet|sg)-[0-9a-f]{8}(,(vpc|subnet|sg)-[0-9a-f]{8}){0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[A-Za-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn scalar_leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| scalar_leaves(item, out)),
        Value::Object(map) => map.values().for_each(|item| scalar_leaves(item, out)),
        Value::String(text) => out.push(text.clone()),
        Value::Null => out.push(String::new()),
        other => out.push(other.to_string()),
    }
}

proptest! {
    #[test]
    fn parsing_never_panics(text in "\\PC{0,200}") {
        let _ = parse_outputs(&text, Path::new("fuzz.json"));
    }

    #[test]
    fn parsing_never_loses_a_value(outputs in prop::collection::btree_map("[A-Za-z_]{1,10}", json_value(), 0..6)) {
        let document = json!(outputs);
        let parsed = parse_outputs(&document.to_string(), Path::new("prop.json")).unwrap();
        let values: String = parsed.values.iter().map(|v| v.value.as_str()).collect();
        let mut leaves = Vec::new();
        match parsed.format {
            OutputsFormat::Terraform => outputs.values().for_each(|v| scalar_leaves(&v["value"], &mut leaves)),
            _ => scalar_leaves(&document, &mut leaves),
        }
        for leaf in leaves {
            let squashed: String = leaf.split(',').map(str::trim).collect();
            let found = values.contains(&leaf) || values.contains(&squashed) || leaf.trim_start().starts_with('[');
            prop_assert!(found, "lost {:?}", leaf);
        }
        for key in outputs.keys() {
            let kept = parsed.values.iter().any(|v| v.key.starts_with(key.as_str()) || v.stack.as_deref() == Some(key.as_str()));
            prop_assert!(kept, "output {:?} vanished", key);
        }
    }
}

#[rstest]
#[case(r#"{"EnvironmentSuffix": "pr42", "VpcId": "vpc-1"}"#, Some("pr42"))]
#[case(r#"{"environment_suffix": {"value": "dev7"}}"#, Some("dev7"))]
#[case(r#"{"ENV_SUFFIX": "x1"}"#, Some("x1"))]
#[case(r#"{"VpcId": "vpc-1"}"#, None)]
fn the_environment_suffix_output_is_found_under_any_spelling(
    #[case] text: &str,
    #[case] expected: Option<&str>,
) {
    let (_, anchors) = anchors_of(text, Path::new("outputs.json")).unwrap();
    assert_eq!(environment_suffix(&anchors).as_deref(), expected);
}

/// Each value carries the line of the outputs file that declares it (for SARIF's physical
/// locations): its own line where it has one (a list item, Terraform's `"value"` line), else
/// its key's; in a CDK nested file, the key inside its own stack.
#[test]
fn values_carry_the_line_that_declares_them() {
    let line_of = |text: &str, key: &str, stack: Option<&str>| -> Vec<usize> {
        let parsed = parse_outputs(text, Path::new("o.json")).unwrap();
        parsed
            .values
            .iter()
            .filter(|v| v.key.starts_with(key) && v.stack.as_deref() == stack)
            .map(|v| v.line)
            .collect()
    };
    let flat = "{\n  \"VpcId\": \"vpc-1\",\n  \"SubnetIds\": \"subnet-a,subnet-b\",\n  \"Name\": \"VpcId\"\n}\n";
    assert_eq!(line_of(flat, "VpcId", None), [2]);
    assert_eq!(line_of(flat, "SubnetIds", None), [3, 3]);
    assert_eq!(line_of(flat, "Name", None), [4]);

    let pulumi = "{\n  \"subnets\": [\n    \"subnet-a\",\n    \"subnet-b\"\n  ],\n  \"db\": {\n    \"endpoint\": \"db.example\"\n  }\n}";
    assert_eq!(line_of(pulumi, "subnets", None), [3, 4]);
    assert_eq!(line_of(pulumi, "db", None), [7]);

    let terraform = "{\n  \"vpc_id\": {\n    \"sensitive\": false,\n    \"type\": \"string\",\n    \"value\": \"vpc-9\"\n  },\n  \"password\": {\n    \"sensitive\": true,\n    \"value\": \"hunter2\"\n  }\n}";
    assert_eq!(line_of(terraform, "vpc_id", None), [5]);
    // A sensitive value is never searched for: the key's line.
    assert_eq!(line_of(terraform, "password", None), [7]);

    let nested = "{\n  \"Network\": {\n    \"VpcId\": \"vpc-1\"\n  },\n  \"App\": {\n    \"VpcId\": \"vpc-1\"\n  }\n}";
    assert_eq!(line_of(nested, "VpcId", Some("Network")), [3]);
    assert_eq!(line_of(nested, "VpcId", Some("App")), [6]);

    // On one line, every value is on line 1.
    assert_eq!(line_of("{\"A\": \"x\", \"B\": \"y\"}", "B", None), [1]);
}
