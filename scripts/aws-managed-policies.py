#!/usr/bin/env python3
"""Writes template/src/aws_managed_policies.json: the documents of the AWS-managed policies
templates attach most (counted in public template corpora), so template mode judges a role
with `ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]`
by what the policy grants. The documents are AWS's published default versions, as moto ships
them (moto/iam/aws_managed_policies.py, Apache-2.0). Run after upgrading moto; review the diff.

usage: scripts/aws-managed-policies.py
"""
import json
import pathlib

from moto.iam.aws_managed_policies import aws_managed_policies_data

NAMES = [
    # ECS, Lambda, EC2 and SSM roles
    "AmazonECSTaskExecutionRolePolicy", "AmazonEC2ContainerServiceforEC2Role",
    "AmazonEC2ContainerServiceRole", "AmazonEC2ContainerRegistryReadOnly",
    "AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole", "AWSLambdaExecute",
    "AWSLambdaRole", "AWSLambdaSQSQueueExecutionRole", "AWSLambdaKinesisExecutionRole",
    "AWSLambdaDynamoDBExecutionRole", "CloudWatchLambdaInsightsExecutionRolePolicy",
    "AmazonSSMManagedInstanceCore", "AmazonEC2RoleforSSM", "AmazonSSMDirectoryServiceAccess",
    "CloudWatchAgentServerPolicy", "AWSXRayDaemonWriteAccess", "AWSXrayWriteOnlyAccess",
    "AmazonAPIGatewayPushToCloudWatchLogs", "AWS_ConfigRole", "AWSConfigRulesExecutionRole",
    "AmazonDMSVPCManagementRole", "AmazonDMSCloudWatchLogsRole",
    "AmazonEKSClusterPolicy", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
    "AmazonEKSVPCResourceController",
    # broad grants the IAM checks must see
    "AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess",
    "AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess", "AmazonKinesisFullAccess",
    "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "IAMReadOnlyAccess", "SecurityAudit",
]

data = json.loads(aws_managed_policies_data)
table = {}
missing = [name for name in NAMES if name not in data]
if missing:
    raise SystemExit(f"not in this moto's table: {missing}")
for name in NAMES:
    policy = data[name]
    path = policy.get("Path", "/")
    table[f"arn:aws:iam::aws:policy{path}{name}"] = policy["Document"]
out = pathlib.Path(__file__).resolve().parent.parent / "template/src/aws_managed_policies.json"
out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
print(f"{out}: {len(table)} policies, {out.stat().st_size} bytes")
