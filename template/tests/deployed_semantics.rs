//! What AWS makes of a template's resources, each found by comparing the seed scenarios'
//! templates (fixtures/templates/) with their deployed stacks (tests/template_scenarios.rs),
//! here on templates of other shapes: each is a behaviour the comparison found missing.

use stackproof_checks::result::Status;
use stackproof_template::{Options, readings};

mod common;
use common::{baseline, judged, judged_with, result, template_from};

const NETWORK: &str = r#"
    "Net": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.9.0.0/16"}},
    "A": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Net"}, "CidrBlock": "10.9.1.0/24", "AvailabilityZone": "us-east-1a"}},
    "B": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Net"}, "CidrBlock": "10.9.2.0/24", "AvailabilityZone": "us-east-1b"}}"#;

#[test]
fn a_cluster_naming_its_subnet_group_by_ref_has_the_groups_subnets() {
    let text = format!(
        r#"{{"Resources": {{{NETWORK},
        "Group": {{"Type": "AWS::RDS::DBSubnetGroup", "Properties": {{"DBSubnetGroupName": "orders-subnets",
          "DBSubnetGroupDescription": "db", "SubnetIds": [{{"Ref": "A"}}, {{"Ref": "B"}}]}}}},
        "Db": {{"Type": "AWS::RDS::DBCluster", "Properties": {{"Engine": "aurora-mysql",
          "DBSubnetGroupName": {{"Ref": "Group"}}}}}}
      }}}}"#
    );
    let [open, _] = readings(&template_from(&text), &Options::default());
    let cluster = &open.inventory.db_clusters[0];
    assert_eq!(cluster.subnet_ids, ["subnet-A", "subnet-B"]);
    // AWS's default port for the engine (RDS API, CreateDBCluster).
    assert_eq!(cluster.port, Some(3306));
}

#[test]
fn an_empty_egress_list_keeps_aws_allow_all_rule() {
    let text = format!(
        r#"{{"Resources": {{{NETWORK},
        "Open": {{"Type": "AWS::EC2::SecurityGroup", "Properties": {{"GroupDescription": "x",
          "VpcId": {{"Ref": "Net"}}, "SecurityGroupEgress": []}}}},
        "Closed": {{"Type": "AWS::EC2::SecurityGroup", "Properties": {{"GroupDescription": "x",
          "VpcId": {{"Ref": "Net"}}, "SecurityGroupEgress": [{{"IpProtocol": "icmp", "FromPort": 252,
          "ToPort": 86, "CidrIp": "255.255.255.255/32"}}]}}}}
      }}}}"#
    );
    let [open, _] = readings(&template_from(&text), &Options::default());
    let group = |name: &str| {
        let id = format!("sg-{name}");
        (open.inventory.security_groups.iter())
            .find(|g| g.id == id)
            .unwrap()
            .clone()
    };
    let open_group = group("Open");
    assert_eq!(open_group.egress.len(), 1);
    assert!(open_group.egress[0].is_open_to_world() && open_group.egress[0].is_all_protocols());
    let closed = group("Closed");
    assert!(closed.egress.iter().all(|r| r.permits_nothing()));
}

#[test]
fn the_cdk_custom_resource_that_restricts_the_default_group_empties_it() {
    let restricted = format!(
        r#"{{"Resources": {{{NETWORK},
        "Restrict": {{"Type": "Custom::VpcRestrictDefaultSG", "Properties": {{
          "ServiceToken": {{"Fn::ImportValue": "provider"}},
          "DefaultSecurityGroupId": {{"Fn::GetAtt": ["Net", "DefaultSecurityGroup"]}}}}}}
      }}}}"#
    );
    let bare = format!(r#"{{"Resources": {{{NETWORK}}}}}"#);
    let verdict = |text: &str| {
        let evaluation = judged(&template_from(text), &Options::default()).evaluation;
        result(&evaluation, "VPC-014", "Net.DefaultSecurityGroup").status
    };
    assert_eq!(verdict(&restricted), Status::Pass);
    assert_eq!(verdict(&bare), Status::Fail);
}

#[test]
fn outputs_are_classified_as_the_deployed_stacks_outputs_file_is() {
    let text = r#"{"Resources": {
        "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Name": "web"}},
        "Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql"}}
      },
      "Outputs": {
        "Url": {"Value": {"Fn::GetAtt": ["Lb", "DNSName"]}},
        "Writer": {"Value": {"Fn::GetAtt": ["Db", "Endpoint.Address"]}}
      }}"#;
    let mut profile = baseline();
    profile.stack.required_outputs = Some(vec!["load-balancer".into(), "bucket".into()]);
    let judged = judged_with(&template_from(text), &Options::default(), &profile);
    let kinds = &judged.inventory.meta.outputs;
    assert_eq!(kinds["Url"], "load-balancer-dns");
    assert_eq!(kinds["Writer"], "db-cluster-endpoint");
    let exported = |kind: &str| result(&judged.evaluation, "STACK-006", kind).status;
    assert_eq!(exported("load-balancer"), Status::Pass);
    assert_eq!(exported("bucket"), Status::Fail);
}

#[test]
fn a_cluster_with_a_managed_master_password_has_the_secret_rds_manages() {
    let text = r#"{"Resources": {
        "Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql",
          "ManageMasterUserPassword": true}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
          "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "256", "Memory": "512",
          "ContainerDefinitions": [{"Name": "app", "Image": "public.ecr.aws/nginx/nginx:1",
            "Secrets": [{"Name": "DB", "ValueFrom": {"Fn::GetAtt": ["Db", "MasterUserSecret.SecretArn"]}}]}]}}
      }}"#;
    let judged = judged(&template_from(text), &Options::default());
    let secret = &judged.inventory.secrets[0];
    assert!(secret.name.starts_with("rds!cluster-"), "{}", secret.name);
    assert_eq!(secret.owning_service.as_deref(), Some("rds"));
    assert_eq!(secret.rotation_days, Some(7));
    assert_eq!(
        judged.inventory.db_clusters[0]
            .master_user_secret
            .as_deref(),
        Some(secret.arn.as_str())
    );
    assert_eq!(judged.inventory.db_clusters[0].port, Some(5432));
    // The task's reference finds it.
    let found = result(&judged.evaluation, "ECS-023", "Task");
    assert_eq!(found.status, Status::Pass, "{}", found.message);
}

#[test]
fn a_peering_connection_another_stack_declares_is_known_only_after_deploy() {
    let text = format!(
        r#"{{"Parameters": {{"PeeringId": {{"Type": "String", "Default": "pcx-0123456789abcdef0"}}}},
        "Resources": {{{NETWORK},
        "Routes": {{"Type": "AWS::EC2::RouteTable", "Properties": {{"VpcId": {{"Ref": "Net"}}}}}},
        "ToProd": {{"Type": "AWS::EC2::Route", "Properties": {{"RouteTableId": {{"Ref": "Routes"}},
          "DestinationCidrBlock": "10.10.0.0/16", "VpcPeeringConnectionId": {{"Ref": "PeeringId"}}}}}}
      }}}}"#
    );
    let mut profile = baseline();
    profile.network.min_peering_connections = Some(1);
    let judged = judged_with(&template_from(&text), &Options::default(), &profile);
    let peered = result(&judged.evaluation, "VPC-021", "Net");
    assert_eq!(peered.status, Status::Skip, "{}", peered.message);
    assert!(
        peered.message.contains("pcx-0123456789abcdef0"),
        "{}",
        peered.message
    );
}

#[test]
fn a_role_attaching_a_known_aws_managed_policy_is_judged_by_its_document() {
    let text = r#"{"Resources": {
        "Admin": {"Type": "AWS::IAM::Role", "Properties": {
          "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
          "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"},
            "arn:aws:iam::aws:policy/SomethingNew"]}}
      }}"#;
    let [open, _] = readings(&template_from(text), &Options::default());
    let attached = &open.inventory.roles[0].attached_policies;
    assert!(attached[0].document.is_some());
    // A policy the table does not know stays unknown, never empty.
    assert_eq!(attached[1].document, None);
}
