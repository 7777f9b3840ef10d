//! The mutation catalogue on templates: a template meant to pass the baseline, and one edit per
//! check that must flip it — the same violations the live mutations make on the emulator,
//! written where a pull request would write them.

use std::path::Path;

use serde_json::{Value, json};
use stackproof_checks::engine::evaluate;
use stackproof_checks::profile::load_profile;
use stackproof_checks::registry::REGISTRY;
use stackproof_checks::result::Status;
use stackproof_template::{Options, Template, judge, read};

fn verdicts(template: &Template) -> Vec<(String, String, Status)> {
    let profile = load_profile("baseline", Path::new("/nonexistent")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let judged = judge(template, &Options::default(), |inventory| {
        evaluate(inventory, &profile, REGISTRY, &[], today)
    });
    (judged.evaluation.results.into_iter())
        .map(|r| (r.check_id, r.resource.id, r.status))
        .collect()
}

fn status(verdicts: &[(String, String, Status)], check: &str, logical: &str) -> Option<Status> {
    (verdicts.iter())
        .find(|(c, id, _)| c == check && id == logical)
        .map(|(.., s)| *s)
}

/// (check, logical id it must fail on, what the edit does, the edit)
type Mutation = (&'static str, &'static str, &'static str, fn(&mut Value));

const MUTATIONS: &[Mutation] = &[
    (
        "SG-008",
        "AppSg",
        "SSH from anywhere on the app group",
        |t| {
            t["Resources"]["AppSg"]["Properties"]["SecurityGroupIngress"]
            .as_array_mut()
            .unwrap()
            .push(json!({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0", "Description": "ssh"}));
        },
    ),
    ("SG-002", "AppSg", "all protocols from the callers", |t| {
        t["Resources"]["AppSg"]["Properties"]["SecurityGroupIngress"][0]["IpProtocol"] =
            json!("-1");
    }),
    ("SG-007", "AppSg", "a rule without a description", |t| {
        let rule = &mut t["Resources"]["AppSg"]["Properties"]["SecurityGroupIngress"][0];
        rule.as_object_mut().unwrap().remove("Description");
    }),
    ("LOGS-001", "AppLogs", "retention removed", |t| {
        t["Resources"]["AppLogs"]["Properties"]
            .as_object_mut()
            .unwrap()
            .remove("RetentionInDays");
    }),
    ("S3-001", "Data", "public access block off", |t| {
        t["Resources"]["Data"]["Properties"]["PublicAccessBlockConfiguration"] = json!({
            "BlockPublicAcls": false, "IgnorePublicAcls": false,
            "BlockPublicPolicy": false, "RestrictPublicBuckets": false});
    }),
    ("S3-002", "Data", "the TLS-only policy deleted", |t| {
        t["Resources"].as_object_mut().unwrap().remove("DataPolicy");
    }),
    ("S3-005", "Data", "ACLs on (BucketOwnerPreferred)", |t| {
        t["Resources"]["Data"]["Properties"]["OwnershipControls"] =
            json!({"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]});
    }),
    ("S3-007", "Data", "lifecycle rules removed", |t| {
        t["Resources"]["Data"]["Properties"]
            .as_object_mut()
            .unwrap()
            .remove("LifecycleConfiguration");
    }),
    ("ENC-008", "Key", "key rotation off", |t| {
        t["Resources"]["Key"]["Properties"]["EnableKeyRotation"] = json!(false);
    }),
    ("KMS-003", "Key", "the key's alias removed", |t| {
        t["Resources"].as_object_mut().unwrap().remove("KeyAlias");
    }),
    ("IAM-001", "AppRole", "a policy allowing Action *", |t| {
        t["Resources"]["AppRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]
            ["Action"] = json!("*");
    }),
    ("IAM-006", "AppRole", "AdministratorAccess attached", |t| {
        t["Resources"]["AppRole"]["Properties"]["ManagedPolicyArns"] =
            json!(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    }),
    ("ECR-001", "Images", "mutable tags", |t| {
        t["Resources"]["Images"]["Properties"]["ImageTagMutability"] = json!("MUTABLE");
    }),
    ("ECR-002", "Images", "no scan on push", |t| {
        t["Resources"]["Images"]["Properties"]["ImageScanningConfiguration"]["ScanOnPush"] =
            json!(false);
    }),
    ("VPC-013", "Network", "the VPC's flow log removed", |t| {
        t["Resources"].as_object_mut().unwrap().remove("FlowLogs");
    }),
    (
        "VPC-015",
        "PrivateA",
        "the private subnet maps public IPs",
        |t| {
            t["Resources"]["PrivateA"]["Properties"]["MapPublicIpOnLaunch"] = json!(true);
        },
    ),
    (
        "VPC-006",
        "PrivateA",
        "the private default route to the internet gateway",
        |t| {
            let route = &mut t["Resources"]["PrivateDefault"]["Properties"];
            route.as_object_mut().unwrap().remove("NatGatewayId");
            route["GatewayId"] = json!({"Ref": "Gateway"});
        },
    ),
    (
        "VPC-025",
        "Gateway",
        "the public default route removed",
        |t| {
            t["Resources"]
                .as_object_mut()
                .unwrap()
                .remove("PublicDefault");
        },
    ),
    (
        "VPC-026",
        "PrivateRoutes",
        "the private table's association removed",
        |t| {
            t["Resources"]
                .as_object_mut()
                .unwrap()
                .remove("PrivateLink");
        },
    ),
];

fn base() -> Template {
    read(Path::new("tests/templates/compliant.yaml"))
        .unwrap()
        .remove(0)
}

#[test]
fn each_template_edit_flips_its_check_from_pass_to_fail() {
    let template = base();
    let before = verdicts(&template);
    let mut problems = Vec::new();
    for (check, logical, change, edit) in MUTATIONS {
        let was = status(&before, check, logical);
        if was != Some(Status::Pass) {
            problems.push(format!(
                "{check} on {logical} before `{change}`: {was:?}, expected pass"
            ));
            continue;
        }
        let mut mutated = template.clone();
        edit(&mut mutated.body);
        let after = verdicts(&mutated);
        let now = status(&after, check, logical);
        if now != Some(Status::Fail) {
            problems.push(format!(
                "{check} on {logical} after `{change}`: {now:?}, expected fail"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
