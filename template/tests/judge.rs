//! Template mode end to end on the checks: templates of shapes unlike our scenarios, read,
//! judged with the baseline profile, verdicts named by logical id.

use std::path::Path;

use proptest::prelude::*;
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::result::Status;
use stackproof_template::{Options, Template, judge, kinds, read};

mod common;
use common::{judged, result, template_from};

fn web() -> Template {
    read(Path::new("tests/templates/web.yaml"))
        .unwrap()
        .remove(0)
}

#[test]
fn every_declared_resource_of_a_covered_kind_is_named_by_a_result() {
    let template = web();
    let evaluation = judged(&template, &Options::default()).evaluation;
    let standalone = (template.body["Resources"].as_object().unwrap().iter())
        .filter(|(_, r)| kinds::covers(r["Type"].as_str().unwrap()))
        .map(|(id, _)| id.as_str());
    let named = |logical: &str| {
        evaluation.results.iter().any(|r| {
            r.resource.id == logical
                || (r.evidence.iter()).any(|e| {
                    e.attribute == "declared by"
                        && e.observed
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|id| id == logical)
                })
        })
    };
    let unnamed: Vec<&str> = standalone.filter(|logical| !named(logical)).collect();
    assert!(unnamed.is_empty(), "no result names {unnamed:?}");
}

#[test]
fn verdicts_are_the_checks_own_at_the_logical_id() {
    let evaluation = judged(&web(), &Options::default()).evaluation;
    assert_eq!(
        result(&evaluation, "SG-008", "AdminSg").status,
        Status::Fail
    );
    assert_eq!(
        result(&evaluation, "IAM-001", "AppRole").status,
        Status::Fail
    );
    // A bucket the template leaves bare gets AWS's defaults: encrypted, public access blocked.
    assert_eq!(result(&evaluation, "S3-001", "Logs").status, Status::Pass);
    // The route to the attached internet gateway makes the public tier public.
    assert_eq!(
        result(&evaluation, "VPC-017", "PrivateA").status,
        Status::Fail
    );
}

#[test]
fn a_value_known_only_after_deploy_makes_its_verdicts_skip_never_pass() {
    let evaluation = judged(&web(), &Options::default()).evaluation;
    let world = result(&evaluation, "SG-001", "ImportedSg");
    assert_eq!(world.status, Status::Skip);
    assert!(
        world.message.contains("Fn::ImportValue shared-office-cidr"),
        "{}",
        world.message
    );
    // A verdict the unknown cannot change stands, and says what it was shown with.
    let described = result(&evaluation, "SG-007", "ImportedSg");
    assert_eq!(described.status, Status::Fail);
    assert!(
        described.message.contains("known only after deploy"),
        "{}",
        described.message
    );
}

#[test]
fn parameters_and_conditions_decide_what_the_template_says() {
    let template = web();
    let retention = |options: &Options| {
        let judged = judged(&template, options);
        judged.inventory.log_groups[0].clone()
    };
    let default = retention(&Options::default());
    assert_eq!(
        (default.name.as_str(), default.retention_days),
        ("/app/qa7", Some(14))
    );
    let mut prod = Options::default();
    prod.parameters
        .insert("EnvironmentSuffix".into(), "prod".into());
    let prod = retention(&prod);
    assert_eq!(
        (prod.name.as_str(), prod.retention_days),
        ("/app/prod", Some(365))
    );
}

#[test]
fn a_resource_created_on_an_unknown_condition_is_skip() {
    let text = r#"{
      "Parameters": {"Mode": {"Type": "String"}},
      "Conditions": {"Open": {"Fn::Equals": [{"Ref": "Mode"}, "open"]}},
      "Resources": {
        "Web": {"Type": "AWS::EC2::SecurityGroup", "Condition": "Open",
          "Properties": {"GroupDescription": "web", "SecurityGroupIngress": [
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}
      }}"#;
    let template = template_from(text);
    let evaluation = judged(&template, &Options::default()).evaluation;
    let ssh = result(&evaluation, "SG-008", "Web");
    assert_eq!(ssh.status, Status::Skip, "{}", ssh.message);
    assert!(ssh.message.contains("condition Open"), "{}", ssh.message);
}

#[test]
fn uncovered_types_are_listed_not_dropped_silently() {
    let judged = judged(&web(), &Options::default());
    assert_eq!(
        judged.uncovered["AWS::Lambda::Function"],
        vec!["Fn".to_string()]
    );
}

#[test]
fn a_cdk_cloud_assembly_reads_every_stack_and_its_nested_stacks() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "manifest.json",
        r#"{"version": "36.0.0", "artifacts": {
            "App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}},
            "Tree": {"type": "cdk:tree"}}}"#,
    );
    write(
        "App.template.json",
        r#"{"Resources": {
            "Bucket83908E77": {"Type": "AWS::S3::Bucket"},
            "Inner": {"Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": "AppInner.nested.template.json"}},
            "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:x"}}}}"#,
    );
    write(
        "AppInner.nested.template.json",
        r#"{"Resources": {"Queue": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 7}}}}"#,
    );
    let templates = read(dir.path()).unwrap();
    let stacks: Vec<&str> = templates.iter().map(|t| t.stack.as_str()).collect();
    assert_eq!(stacks, ["App", "App/Inner"]);
    let nested = judged(&templates[1], &Options::default());
    assert_eq!(nested.inventory.log_groups[0].retention_days, Some(7));
}

#[test]
fn invalid_templates_are_refused_naming_the_file_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, expected) in [
        ("a.yaml", "Resources:\n  A: [1, 2\n", "invalid YAML"),
        (
            "b.json",
            "{\"Resources\": {\"A\": {}}}",
            "Resources.A has no Type",
        ),
        ("c.yaml", "Outputs: {}\n", "no `Resources` section"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let error = read(&path).unwrap_err().to_string();
        assert!(error.contains(name) && error.contains(expected), "{error}");
    }
}

/// Any value where a property or an intrinsic's argument goes.
fn any_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-zA-Z0-9:/.*${}!-]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        let names = prop::sample::select(vec![
            "Ref",
            "Fn::GetAtt",
            "Fn::Sub",
            "Fn::Join",
            "Fn::Select",
            "Fn::Split",
            "Fn::If",
            "Fn::FindInMap",
            "Fn::Cidr",
            "Fn::GetAZs",
            "Fn::ImportValue",
            "Fn::Equals",
            "Condition",
            "CidrIp",
            "Tags",
            "Key",
            "Value",
            "SecurityGroupIngress",
            "Statement",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            (names, inner).prop_map(|(k, v)| serde_json::json!({ k: v })),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any resources of covered types, with any properties and intrinsics: judged without panic.
    #[test]
    fn any_template_is_judged_without_panic(
        resources in prop::collection::vec(
            (prop::sample::select(kinds::COVERED), any_value(), any_value()), 1..6),
    ) {
        let mut map = serde_json::Map::new();
        for (i, (kind, properties, extra)) in resources.into_iter().enumerate() {
            let properties = match properties {
                serde_json::Value::Object(_) => properties,
                other => serde_json::json!({"CidrBlock": other, "VpcId": extra, "GroupId": {"Ref": "R0"}}),
            };
            map.insert(format!("R{i}"), serde_json::json!({"Type": kind, "Properties": properties}));
        }
        let body = serde_json::json!({
            "Conditions": {"C": {"Fn::Equals": [{"Ref": "R0"}, "x"]}},
            "Resources": map,
        });
        let template = Template {
            file: "p.json".into(),
            stack: "p".into(),
            body,
            resource_lines: Default::default(),
            warnings: Vec::new(),
        };
        let judged = judged(&template, &Options::default());
        prop_assert!(!judged.evaluation.results.is_empty());
    }
}

#[test]
fn a_policy_finds_its_bucket_when_both_are_named_by_an_unknown_parameter() {
    let text = r#"{
      "Parameters": {"AppName": {"Type": "String"}},
      "Resources": {
        "Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${AppName}-data"}}},
        "DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
          "Bucket": {"Fn::Sub": "${AppName}-data"},
          "PolicyDocument": {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}
      }}"#;
    let judged = judged(&template_from(text), &Options::default());
    assert_eq!(judged.inventory.buckets[0].name, "{AppName}-data");
    assert!(
        judged.inventory.buckets[0].policy.is_some(),
        "the policy was not applied"
    );
    let tls = result(&judged.evaluation, "S3-002", "Data");
    assert_eq!(tls.status, Status::Pass, "{}", tls.message);
    let declared = tls
        .evidence
        .iter()
        .find(|e| e.attribute == "declared by")
        .unwrap();
    assert_eq!(declared.observed, serde_json::json!(["Data", "DataPolicy"]));
}

#[test]
fn a_key_without_a_key_policy_has_kms_default_policy() {
    let text = r#"{"Resources": {"Key": {"Type": "AWS::KMS::Key"}}}"#;
    let judged = judged(&template_from(text), &Options::default());
    let policy = judged.inventory.kms_keys[0].policy.as_ref().unwrap();
    assert_eq!(
        policy["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::123456789012:root"
    );
    assert_eq!(
        result(&judged.evaluation, "KMS-002", "Key").status,
        Status::Pass
    );
}

#[test]
fn the_template_ledger_says_what_was_judged_and_what_not() {
    let text = r#"{
      "Parameters": {"Env": {"Type": "String", "Default": "dev"}},
      "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
      "Resources": {
        "Data": {"Type": "AWS::S3::Bucket"},
        "DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Data"},
          "PolicyDocument": {"Statement": []}}},
        "SharedPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Fn::ImportValue": "shared-bucket"},
          "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}}},
        "ProdOnly": {"Type": "AWS::SNS::Topic", "Condition": "IsProd"},
        "Handler": {"Type": "AWS::Lambda::Function"}
      }}"#;
    let evaluation = judged(&template_from(text), &Options::default()).evaluation;
    let ledger = |logical: &str| {
        (evaluation.results.iter())
            .find(|r| r.check_id == "INV-003" && r.resource.id == logical)
            .map(|r| (r.status, r.message.clone()))
            .unwrap()
    };
    assert_eq!(ledger("Data").0, Status::Pass);
    assert_eq!(
        ledger("DataPolicy"),
        (
            Status::Pass,
            "AWS::S3::BucketPolicy read as part of s3-bucket inline-data".into()
        )
    );
    // A policy for a bucket declared elsewhere: nothing judges it, and the run says so.
    let (status, message) = ledger("SharedPolicy");
    assert_eq!(status, Status::Error, "{message}");
    assert_eq!(
        ledger("ProdOnly"),
        (
            Status::Skip,
            "AWS::SNS::Topic not created with these parameters: condition IsProd is false".into()
        )
    );
    assert_eq!(
        ledger("Handler"),
        (Status::Skip, "no check covers AWS::Lambda::Function".into())
    );
}

/// A template as `cdk synth` writes it: hashed logical ids, `Fn::Join` of ARNs, a Lambda-backed
/// custom resource, `Fn::ImportValue` across stacks, an SSM-typed bootstrap parameter, a
/// condition on the region, `Rules`.
#[test]
fn a_cdk_synthesized_stack_is_judged_with_its_imports_unknown() {
    let templates = read(Path::new("tests/templates/cdk.out")).unwrap();
    assert_eq!(templates.len(), 1);
    let judged = judged(&templates[0], &Options::default());
    let evaluation = &judged.evaluation;
    // The bucket's TLS-only statement arrives through the policy, joined ARNs and all.
    assert_eq!(
        result(evaluation, "S3-002", "AssetsBucket5CB76180").status,
        Status::Pass
    );
    // The ingress CIDR is imported: whether the group is open to the internet is unknown.
    let world = result(evaluation, "SG-001", "ApiSecurityGroup0F4D2A1B");
    assert_eq!(world.status, Status::Skip, "{}", world.message);
    assert!(
        world.message.contains("Fn::ImportValue NetworkStack"),
        "{}",
        world.message
    );
    // The separate ingress rule is part of the group's verdicts.
    let declared = (result(evaluation, "SG-007", "ApiSecurityGroup0F4D2A1B")
        .evidence
        .iter())
    .find(|e| e.attribute == "declared by")
    .unwrap();
    assert!(
        declared
            .observed
            .to_string()
            .contains("ApiSecurityGroupfromApiStackAdminSg22C5D9E8")
    );
    assert_eq!(
        judged.uncovered["Custom::S3AutoDeleteObjects"],
        ["AssetsBucketAutoDeleteObjectsCustomResourceBB8BBDB8"]
    );
    assert!(judged.uncovered.contains_key("AWS::CDK::Metadata"));
    assert_eq!(
        result(evaluation, "LOGS-001", "ApiLogs8C1B4D2E").status,
        Status::Pass
    );
}

#[test]
fn an_unknown_list_of_rules_is_not_an_empty_one() {
    let text = r#"{"Resources": {
        "Web": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "web",
          "SecurityGroupIngress": {"Fn::ImportValue": "shared-web-rules"}}},
        "Data": {"Type": "AWS::S3::Bucket", "Properties": {
          "PublicAccessBlockConfiguration": {"Fn::ImportValue": "shared-block"}}}
      }}"#;
    let evaluation = judged(&template_from(text), &Options::default()).evaluation;
    for (check, logical) in [("SG-001", "Web"), ("SG-008", "Web"), ("S3-001", "Data")] {
        let verdict = result(&evaluation, check, logical);
        assert_eq!(verdict.status, Status::Skip, "{check}: {}", verdict.message);
        assert!(
            verdict.message.contains("Fn::ImportValue"),
            "{}",
            verdict.message
        );
    }
}

#[test]
fn an_image_named_by_its_repositorys_uri_is_the_stacks_own() {
    let text = r#"{"Resources": {
        "Images": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
          "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "256", "Memory": "512",
          "ContainerDefinitions": [{"Name": "app", "Image": {"Fn::Sub": "${Images.RepositoryUri}:v1"}}]}}
      }}"#;
    let mut profile = load_profile("baseline", Path::new("/nonexistent")).unwrap();
    profile.compute.private_images = Some(true);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let judged = judge(&template_from(text), &Options::default(), |inventory| {
        evaluate(inventory, &profile, REGISTRY, &[], today)
    });
    assert_eq!(
        judged.inventory.ecr_repositories[0].uri,
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/app"
    );
    let image = result(&judged.evaluation, "ECS-026", "Task");
    assert_eq!(image.status, Status::Pass, "{}", image.message);
}
