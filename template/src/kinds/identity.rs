//! IAM roles with their inline, separate and managed policies; KMS keys and aliases; Secrets
//! Manager secrets and their rotation.

use stackproof_checks::inventory::{AttachedPolicy, KmsKey, NamedPolicy, Resource, Role, Secret};

use crate::build::{Builder, Res};

pub fn primary(b: &mut Builder, r: &Res) {
    let p = &r.props;
    match r.kind {
        "AWS::IAM::Role" => {
            let inline_policies = (p.children("Policies").iter())
                .map(|policy| NamedPolicy {
                    name: policy.text("PolicyName").unwrap_or_default(),
                    document: policy.document("PolicyDocument").unwrap_or_default(),
                })
                .collect();
            let attached_policies = (p.texts("ManagedPolicyArns").into_iter())
                .map(|arn| AttachedPolicy {
                    name: arn.rsplit('/').next().unwrap_or_default().to_string(),
                    document: crate::managed_policies::document(&arn),
                    arn,
                })
                .collect();
            b.push(
                r,
                |i| &mut i.roles,
                Role {
                    name: r.name.clone(),
                    arn: r.arn.clone(),
                    trust_policy: p.document("AssumeRolePolicyDocument"),
                    inline_policies,
                    attached_policies,
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::KMS::Key" => {
            let spec = p
                .text("KeySpec")
                .unwrap_or_else(|| "SYMMETRIC_DEFAULT".into());
            let enabled = p.flag("Enabled").unwrap_or(true);
            b.push(
                r,
                |i| &mut i.kms_keys,
                KmsKey {
                    id: r.id.clone(),
                    arn: r.arn.clone(),
                    key_manager: "CUSTOMER".into(),
                    key_state: if enabled { "Enabled" } else { "Disabled" }.into(),
                    key_spec: Some(spec),
                    rotation_enabled: Some(p.flag("EnableKeyRotation").unwrap_or(false)),
                    // Without KeyPolicy, KMS applies its default key policy: the account's root
                    // (so IAM policies) may use and manage the key.
                    policy: p
                        .document("KeyPolicy")
                        .or_else(|| Some(default_key_policy(&r.arn))),
                    tags: p.tags(),
                    ..Default::default()
                },
            )
        }
        "AWS::SecretsManager::Secret" => b.push(
            r,
            |i| &mut i.secrets,
            Secret {
                arn: r.arn.clone(),
                name: r.name.clone(),
                kms_key_id: p.text("KmsKeyId"),
                tags: p.tags(),
                ..Default::default()
            },
        ),
        _ => {}
    }
}

pub fn attach(b: &mut Builder, r: &Res) {
    let p = &r.props;
    let mut parts: Vec<(&str, String)> = Vec::new();
    let inventory = &mut b.inventory;
    match r.kind {
        "AWS::IAM::Policy" => {
            let policy = NamedPolicy {
                name: p.text("PolicyName").unwrap_or_else(|| r.name.clone()),
                document: p.document("PolicyDocument").unwrap_or_default(),
            };
            for role in p.texts("Roles") {
                if let Some(found) = inventory
                    .roles
                    .iter_mut()
                    .find(|x| x.name == role || x.arn == role)
                {
                    found.inline_policies.push(policy.clone());
                    parts.push((Role::KIND, found.name.clone()));
                }
            }
        }
        "AWS::IAM::ManagedPolicy" => {
            let document = p.document("PolicyDocument");
            for role in &mut inventory.roles {
                let named = p
                    .texts("Roles")
                    .iter()
                    .any(|x| *x == role.name || *x == role.arn);
                for attached in role.attached_policies.iter_mut().filter(|a| a.arn == r.arn) {
                    attached.name = r.name.clone();
                    attached.document = document.clone();
                    parts.push((Role::KIND, role.name.clone()));
                }
                if named && !role.attached_policies.iter().any(|a| a.arn == r.arn) {
                    role.attached_policies.push(AttachedPolicy {
                        arn: r.arn.clone(),
                        name: r.name.clone(),
                        document: document.clone(),
                    });
                    parts.push((Role::KIND, role.name.clone()));
                }
            }
        }
        "AWS::KMS::Alias" => {
            let target = p.text("TargetKeyId").unwrap_or_default();
            if let Some(key) =
                (inventory.kms_keys.iter_mut()).find(|k| k.id == target || k.arn == target)
            {
                key.aliases.extend(p.text("AliasName"));
                parts.push((KmsKey::KIND, key.id.clone()));
            }
        }
        "AWS::SecretsManager::RotationSchedule" => {
            let secret = p.text("SecretId").unwrap_or_default();
            let rules = p.child("RotationRules");
            if let Some(found) =
                (inventory.secrets.iter_mut()).find(|s| s.arn == secret || s.name == secret)
            {
                found.rotation_enabled = true;
                found.rotation_days = rules.and_then(|r| r.int("AutomaticallyAfterDays"));
                found.rotation_schedule = rules.and_then(|r| r.text("ScheduleExpression"));
                parts.push((Secret::KIND, found.name.clone()));
            }
        }
        _ => {}
    }
    for (kind, id) in parts {
        b.part(kind, &id, r.logical);
    }
}

/// KMS's default key policy (AWS KMS Developer Guide, "Default key policy").
fn default_key_policy(key_arn: &str) -> serde_json::Value {
    let account = key_arn.split(':').nth(4).unwrap_or_default();
    let partition = key_arn.split(':').nth(1).unwrap_or("aws");
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": format!("arn:{partition}:iam::{account}:root")},
            "Action": "kms:*",
            "Resource": "*"
        }]
    })
}
