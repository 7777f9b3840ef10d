#!/usr/bin/env bash
# Template mode's speed: `check --template` on generated templates of 100, 1,000 and 10,000
# resources (YAML with short forms; every resource of a covered type, linked by Ref/GetAtt/Sub),
# median of BENCH_RUNS (default 5) with hyperfine. Figures in docs/performance.md.
#
#   scripts/bench-template.sh                 release build
#   BENCH_PROFILE=dev scripts/bench-template.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench/template
mkdir -p "$out"
runs=${BENCH_RUNS:-5}
profile=${BENCH_PROFILE:-release}
command -v hyperfine >/dev/null || cargo install hyperfine@1.20.0 --locked
if [[ "$profile" == dev ]]; then
  cargo build --locked --bin stackproof
  bin=${CARGO_TARGET_DIR:-target}/debug/stackproof
else
  cargo build --release --locked --bin stackproof
  bin=${CARGO_TARGET_DIR:-target}/release/stackproof
fi
for size in 100 1000 10000; do
  python3 - "$size" > "$out/stack-$size.yaml" <<'PY'
import sys
n = int(sys.argv[1])
print("AWSTemplateFormatVersion: '2010-09-09'")
print("Parameters:\n  EnvironmentSuffix: {Type: String, Default: bench}\n  OfficeCidr: {Type: String}")
print("Resources:")
print("  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}")
kinds = ["subnet", "group", "bucket", "role", "logs", "key", "topic", "rule"]
for i in range((n - 1) // len(kinds) + 1):
    print(f"""  Subnet{i}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [{i % 256}, !Cidr [!GetAtt Vpc.CidrBlock, 256, 8]]
      AvailabilityZone: !Select [{i % 3}, !GetAZs '']
      Tags: [{{Key: Name, Value: !Sub 'private-${{EnvironmentSuffix}}-{i}'}}]
  Group{i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app {i}
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref OfficeCidr, Description: office}}
  Rule{i}:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {{GroupId: !Ref Group{i}, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !GetAtt Group{i}.GroupId}}
  Bucket{i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'data-${{EnvironmentSuffix}}-{i}'
      VersioningConfiguration: {{Status: Enabled}}
  Role{i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{{Effect: Allow, Principal: {{Service: ecs-tasks.amazonaws.com}}, Action: sts:AssumeRole}}]
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement: [{{Effect: Allow, Action: s3:GetObject, Resource: !Sub '${{Bucket{i}.Arn}}/*'}}]
  Logs{i}:
    Type: AWS::Logs::LogGroup
    Properties: {{LogGroupName: !Sub '/app/${{EnvironmentSuffix}}/{i}', RetentionInDays: 30, KmsKeyId: !GetAtt Key{i}.Arn}}
  Key{i}:
    Type: AWS::KMS::Key
    Properties: {{EnableKeyRotation: true}}
  Topic{i}:
    Type: AWS::SNS::Topic
    Properties: {{KmsMasterKeyId: !Ref Key{i}}}""")
PY
done
for size in 100 1000 10000; do
  hyperfine --warmup 1 --runs "$runs" --export-json "$out/check-$size.json" \
    --command-name "check --template ($size resources)" \
    "$bin check --template $out/stack-$size.yaml --format json --report-dir $out/reports > /dev/null || [ \$? -le 3 ]"
done
