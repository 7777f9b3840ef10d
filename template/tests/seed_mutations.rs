//! The mutation catalogue on the seed scenarios' templates (fixtures/templates/), judged with
//! each scenario's own profile: the checks the baseline leaves off — the seeds' sizes, weights,
//! intervals, counts, zones, retention — and ECS, load balancers and Aurora. Each edit is one a
//! pull request could make; it must turn its check from no failure to a failure.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use stackproof_checks::profile::load_profile;
use stackproof_checks::result::{Status, fails_and_errors};
use stackproof_template::{Options, Template, read};

mod common;
use common::judged_with;

/// (scenario, check, what the edit does, the edit)
type Mutation = (&'static str, &'static str, &'static str, fn(&mut Value));

/// `Resources.<logical>.Properties` of a template body.
fn props<'t>(t: &'t mut Value, logical: &str) -> &'t mut Value {
    &mut t["Resources"][logical]["Properties"]
}

fn remove(t: &mut Value, logical: &str) {
    t["Resources"].as_object_mut().unwrap().remove(logical);
}

const MUTATIONS: &[Mutation] = &[
    // blue-green: weights, intervals, sizes, retention, counts, zones, scheme, dashboard.
    ("blue-green", "ELB-016", "traffic split 50/50", |t| {
        let groups =
            &mut props(t, "HttpListener")["DefaultActions"][0]["ForwardConfig"]["TargetGroups"];
        groups[0]["Weight"] = json!(50);
        groups[1]["Weight"] = json!(50);
    }),
    ("blue-green", "ELB-013", "health checks every 60 s", |t| {
        props(t, "GreenTargets")["HealthCheckIntervalSeconds"] = json!(60);
    }),
    ("blue-green", "ELB-001", "an internal load balancer", |t| {
        props(t, "LoadBalancer")["Scheme"] = json!("internal");
    }),
    ("blue-green", "ELB-002", "dual-stack addressing", |t| {
        props(t, "LoadBalancer")["IpAddressType"] = json!("dualstack");
    }),
    ("blue-green", "ECS-017", "1 vCPU instead of 2", |t| {
        props(t, "TaskDefinition")["Cpu"] = json!("1024");
    }),
    ("blue-green", "LOGS-002", "logs kept 7 days, not 3", |t| {
        props(t, "EcsLogs")["RetentionInDays"] = json!(7);
    }),
    ("blue-green", "RDS-001", "backups kept 1 day, not 7", |t| {
        props(t, "Database")["BackupRetentionPeriod"] = json!(1);
    }),
    ("blue-green", "RDS-004", "deletion protection on", |t| {
        props(t, "Database")["DeletionProtection"] = json!(true);
    }),
    ("blue-green", "RDS-008", "one instance, not two", |t| {
        remove(t, "DatabaseInstance2");
    }),
    (
        "blue-green",
        "RDS-012",
        "the subnet group in two zones",
        |t| {
            let subnets = props(t, "DatabaseSubnets")["SubnetIds"]
                .as_array_mut()
                .unwrap();
            subnets.pop();
        },
    ),
    (
        "blue-green",
        "OBS-002",
        "the dashboard without RDS connections",
        |t| {
            let body = props(t, "Dashboard")["DashboardBody"]["Fn::Sub"]
                .as_str()
                .unwrap();
            props(t, "Dashboard")["DashboardBody"]["Fn::Sub"] =
                json!(body.replace("DatabaseConnections", "CPUUtilization"));
        },
    ),
    ("blue-green", "VPC-008", "a second NAT gateway", |t| {
        let mut nat = t["Resources"]["NatGateway"].clone();
        nat["Properties"]["SubnetId"] = json!({"Ref": "PublicSubnetB"});
        t["Resources"]["NatGateway2"] = nat;
    }),
    ("blue-green", "VPC-003", "a public subnet removed", |t| {
        remove(t, "PublicSubnetC");
        remove(t, "PublicSubnetCRoutes");
        let subnets = props(t, "LoadBalancer")["Subnets"].as_array_mut().unwrap();
        subnets.pop();
    }),
    // transaction-processing: architecture, endpoints, IAM authentication, access logs.
    ("transaction-processing", "ECS-001", "x86 tasks", |t| {
        props(t, "TaskDefinition")["RuntimePlatform"]["CpuArchitecture"] = json!("X86_64");
    }),
    (
        "transaction-processing",
        "VPC-009",
        "the DynamoDB endpoint removed",
        |t| {
            remove(t, "DynamoDbEndpoint");
        },
    ),
    (
        "transaction-processing",
        "RDS-014",
        "IAM authentication off",
        |t| {
            props(t, "Database")["EnableIAMDatabaseAuthentication"] = json!(false);
        },
    ),
    (
        "transaction-processing",
        "ELB-007",
        "access logs off",
        |t| {
            let attributes = props(t, "LoadBalancer")["LoadBalancerAttributes"]
                .as_array_mut()
                .unwrap();
            attributes.retain(|a| !a["Key"].as_str().unwrap().starts_with("access_logs"));
        },
    ),
    (
        "transaction-processing",
        "RDS-006",
        "a non-Graviton reader",
        |t| {
            props(t, "DatabaseInstance2")["DBInstanceClass"] = json!("db.r5.large");
        },
    ),
    (
        "transaction-processing",
        "VPC-001",
        "another VPC range",
        |t| {
            props(t, "Vpc")["CidrBlock"] = json!("10.50.0.0/16");
        },
    ),
    // analytics-platform: Spot, Serverless v2, endpoints, backups, customer keys.
    (
        "analytics-platform",
        "ECS-014",
        "on-demand Fargate instead of Spot",
        |t| {
            props(t, "Cluster")["CapacityProviders"] = json!(["FARGATE"]);
            props(t, "Cluster")["DefaultCapacityProviderStrategy"] =
                json!([{"CapacityProvider": "FARGATE", "Weight": 1}]);
        },
    ),
    (
        "analytics-platform",
        "RDS-011",
        "provisioned instead of Serverless v2",
        |t| {
            props(t, "Database")
                .as_object_mut()
                .unwrap()
                .remove("ServerlessV2ScalingConfiguration");
        },
    ),
    (
        "analytics-platform",
        "VPC-011",
        "the logs endpoint removed",
        |t| {
            remove(t, "LogsEndpoint");
        },
    ),
    (
        "analytics-platform",
        "VPC-008",
        "a NAT gateway added",
        |t| {
            t["Resources"]["NatGateway"] = json!({"Type": "AWS::EC2::NatGateway",
            "Properties": {"SubnetId": {"Ref": "PublicSubnetA"}, "AllocationId": "eipalloc-0123456789abcdef0"}});
        },
    ),
    (
        "analytics-platform",
        "RDS-002",
        "backups kept 7 days, not 35",
        |t| {
            props(t, "Database")["BackupRetentionPeriod"] = json!(7);
        },
    ),
    (
        "analytics-platform",
        "ENC-004",
        "the database on AWS's key",
        |t| {
            props(t, "Database")
                .as_object_mut()
                .unwrap()
                .remove("KmsKeyId");
        },
    ),
    (
        "analytics-platform",
        "ECS-018",
        "a task below 2 vCPU",
        |t| {
            props(t, "TaskDefinition")["Cpu"] = json!("1024");
            props(t, "TaskDefinition")["Memory"] = json!("2048");
        },
    ),
    // microservices: scaling, discovery, HTTPS, repositories.
    (
        "microservices",
        "SCALE-002",
        "scaling up to 20 tasks",
        |t| {
            props(t, "FrontendScaling")["MaxCapacity"] = json!(20);
        },
    ),
    (
        "microservices",
        "SCALE-003",
        "the CPU policy removed",
        |t| {
            remove(t, "ApiGatewayCpuScaling");
        },
    ),
    (
        "microservices",
        "MAP-002",
        "a service without Cloud Map",
        |t| {
            props(t, "ProcessingServiceService")
                .as_object_mut()
                .unwrap()
                .remove("ServiceRegistries");
        },
    ),
    (
        "microservices",
        "ELB-010",
        "HTTP forwards instead of redirecting",
        |t| {
            props(t, "HttpListener")["DefaultActions"] =
                json!([{"Type": "forward", "TargetGroupArn": {"Ref": "FrontendTargets"}}]);
        },
    ),
    (
        "microservices",
        "ECR-004",
        "a repository on AWS's key",
        |t| {
            props(t, "FrontendRepository")
                .as_object_mut()
                .unwrap()
                .remove("EncryptionConfiguration");
        },
    ),
    (
        "microservices",
        "ECS-029",
        "two services sharing a task role",
        |t| {
            props(t, "ApiGatewayTaskDefinition")["TaskRoleArn"] =
                json!({"Fn::GetAtt": ["FrontendTaskRole", "Arn"]});
        },
    ),
    (
        "microservices",
        "ECS-015",
        "the cluster's strategy 1:1",
        |t| {
            props(t, "Cluster")["DefaultCapacityProviderStrategy"][1]["Weight"] = json!(1);
        },
    ),
    // multi-environment (prod): sizes, tags, settings, peering, alerts.
    (
        "multi-environment",
        "RDS-016",
        "a smaller instance class",
        |t| {
            t["Mappings"]["Environments"]["prod"]["InstanceClass"] = json!("db.r6g.large");
        },
    ),
    ("multi-environment", "ECS-025", "prod runs :latest", |t| {
        t["Mappings"]["Environments"]["prod"]["ImageTag"] = json!("latest");
    }),
    ("multi-environment", "SSM-001", "no shared settings", |t| {
        remove(t, "SharedFeatureFlags");
        remove(t, "SharedMarketDataUrl");
    }),
    (
        "multi-environment",
        "ENC-007",
        "the drift topic on AWS's key",
        |t| {
            props(t, "DriftTopic")
                .as_object_mut()
                .unwrap()
                .remove("KmsMasterKeyId");
        },
    ),
    (
        "multi-environment",
        "STACK-002",
        "a bucket name without the suffix",
        |t| {
            props(t, "DataBucket")["BucketName"] = json!({"Fn::Sub": "${EnvironmentName}-data"});
        },
    ),
    (
        "multi-environment",
        "STACK-003",
        "a region hard-coded in a name",
        |t| {
            props(t, "DataBucket")["BucketName"] =
                json!({"Fn::Sub": "${EnvironmentName}-data-us-east-1-${EnvironmentSuffix}"});
        },
    ),
    (
        "multi-environment",
        "STACK-004",
        "a group without the suffix tag",
        |t| {
            let tags = props(t, "AppSecurityGroup")["Tags"].as_array_mut().unwrap();
            tags.retain(|tag| tag["Key"] != "EnvironmentSuffix");
        },
    ),
];

/// How each scenario's template is read: its region and the parameters a pipeline passes.
fn options(scenario: &str) -> Options {
    let mut parameters = BTreeMap::from([("EnvironmentSuffix".to_string(), "t1".to_string())]);
    let region = match scenario {
        "analytics-platform" => "us-east-2",
        _ => "us-east-1",
    };
    if scenario == "multi-environment" {
        parameters.insert("EnvironmentName".into(), "prod".into());
        parameters.insert("StagingVpcId".into(), "vpc-0a1b2c3d4e5f60718".into());
        parameters.insert("DevVpcId".into(), "vpc-0f1e2d3c4b5a69788".into());
    }
    Options {
        parameters,
        region: Some(region.into()),
        ..Options::default()
    }
}

fn profile_of(scenario: &str) -> &str {
    match scenario {
        "multi-environment" => "multi-environment-prod",
        other => other,
    }
}

/// The check's failures on the scenario's template, with `edit` applied.
fn failures(template: &Template, scenario: &str, check: &str) -> Vec<String> {
    let profile = load_profile(profile_of(scenario), Path::new("../fixtures/profiles")).unwrap();
    let judged = judged_with(template, &options(scenario), &profile);
    (judged.evaluation.results.into_iter())
        .filter(|r| r.check_id == check && r.status == Status::Fail)
        .map(|r| format!("{}: {}", r.resource, r.message))
        .collect()
}

fn seed_template(scenario: &str) -> Template {
    let path = format!("../fixtures/templates/{scenario}.yaml");
    read(Path::new(&path)).unwrap().remove(0)
}

#[test]
fn each_seed_template_edit_flips_its_check_to_fail() {
    let mut problems = Vec::new();
    for (scenario, check, change, edit) in MUTATIONS {
        let template = seed_template(scenario);
        let before = failures(&template, scenario, check);
        if !before.is_empty() {
            problems.push(format!(
                "{scenario} {check} fails before `{change}`: {before:?}"
            ));
            continue;
        }
        let mut mutated = template.clone();
        edit(&mut mutated.body);
        if failures(&mutated, scenario, check).is_empty() {
            problems.push(format!("{scenario} {check} does not fail after `{change}`"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn each_seed_template_meets_its_profile_before_deploy() {
    for scenario in [
        "transaction-processing",
        "analytics-platform",
        "blue-green",
        "microservices",
        "multi-environment",
    ] {
        let profile =
            load_profile(profile_of(scenario), Path::new("../fixtures/profiles")).unwrap();
        let judged = judged_with(&seed_template(scenario), &options(scenario), &profile);
        let bad = fails_and_errors(&judged.evaluation.results);
        assert!(bad.is_empty(), "{scenario}:\n{}", bad.join("\n"));
    }
}
