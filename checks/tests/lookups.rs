//! The context's indexed lookups answer what the scans they replaced answered: references in
//! every form AWS writes them, and subnet overlaps found by search equal those found pairwise.

use chrono::NaiveDate;
use ipnet::Ipv4Net;
use proptest::prelude::*;
use stackproof_checks::inventory::{EcrRepository, Inventory, KmsKey, Secret, Subnet, Vpc};
use stackproof_checks::profile::Profile;
use stackproof_checks::registry::find;
use stackproof_checks::result::Status;
use stackproof_checks::{context::Context, engine::evaluate};

fn inventory() -> Inventory {
    Inventory {
        kms_keys: vec![KmsKey {
            id: "1234abcd".into(),
            arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd".into(),
            key_manager: "CUSTOMER".into(),
            aliases: vec!["alias/app-data".into()],
            ..KmsKey::default()
        }],
        secrets: vec![Secret {
            arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf".into(),
            name: "db".into(),
            ..Secret::default()
        }],
        ecr_repositories: vec![EcrRepository {
            name: "team/app".into(),
            uri: "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app".into(),
            ..EcrRepository::default()
        }],
        ..Inventory::default()
    }
}

#[test]
fn a_key_is_found_by_id_arn_alias_and_alias_arn() {
    let inventory = inventory();
    let profile = Profile::default();
    let ctx = Context::new(&inventory, &profile);
    for reference in [
        "1234abcd",
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
        "alias/app-data",
        "app-data",
        "arn:aws:kms:us-east-1:111122223333:alias/app-data",
    ] {
        assert_eq!(
            ctx.kms_key(reference).map(|k| k.id.as_str()),
            Some("1234abcd"),
            "{reference}"
        );
        assert_eq!(ctx.is_customer_key(reference), Some(true), "{reference}");
    }
    assert_eq!(ctx.kms_key("alias/other"), None);
    assert_eq!(ctx.is_customer_key("alias/aws/s3"), Some(false));
    assert_eq!(
        ctx.is_customer_key("arn:aws:kms:us-east-1:1:key/unknown"),
        None
    );
}

#[test]
fn a_secret_is_found_with_or_without_a_json_key_suffix() {
    let inventory = inventory();
    let profile = Profile::default();
    let ctx = Context::new(&inventory, &profile);
    let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
    assert!(ctx.secret(arn).is_some());
    assert!(ctx.secret(&format!("{arn}:password::")).is_some());
    assert!(
        ctx.secret(&format!("{arn}:password:AWSCURRENT:v1"))
            .is_some()
    );
    assert!(
        ctx.secret(&format!("{arn}x")).is_none(),
        "a longer name is another secret"
    );
    assert!(
        ctx.secret("arn:aws:secretsmanager:us-east-1:111122223333:secret:other")
            .is_none()
    );
}

#[test]
fn an_image_is_from_the_stack_when_its_repository_is_and_it_names_a_tag_or_digest() {
    let inventory = inventory();
    let profile = Profile::default();
    let ctx = Context::new(&inventory, &profile);
    let uri = "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app";
    assert!(ctx.image_repository(&format!("{uri}:v1.2.3")).is_some());
    assert!(ctx.image_repository(&format!("{uri}@sha256:abc")).is_some());
    assert!(ctx.image_repository(uri).is_none(), "untagged");
    assert!(ctx.image_repository(&format!("{uri}-other:v1")).is_none());
    assert!(
        ctx.image_repository("public.ecr.aws/nginx/nginx:1.27")
            .is_none()
    );
    assert!(ctx.image_repository("localhost:5000/team/app").is_none());
}

/// A subnet block inside 10.0.0.0/16, as (third octet, prefix length 20–28).
fn block() -> impl Strategy<Value = Ipv4Net> {
    (0u8..16, 0u8..=255, 20u8..=28).prop_map(|(third, fourth, len)| {
        Ipv4Net::new([10, 0, third, fourth].into(), len)
            .unwrap()
            .trunc()
    })
}

proptest! {
    #[test]
    fn overlapping_subnets_are_exactly_those_that_overlap_some_other(
        blocks in proptest::collection::vec(block(), 1..40)
    ) {
        let subnets: Vec<Subnet> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| Subnet {
                id: format!("subnet-{i}"),
                vpc_id: "vpc-1".into(),
                cidr_block: b.to_string(),
                ..Subnet::default()
            })
            .collect();
        let inventory = Inventory {
            vpcs: vec![Vpc { id: "vpc-1".into(), cidr_block: "10.0.0.0/16".into(), ..Vpc::default() }],
            subnets,
            ..Inventory::default()
        };
        let check = find("VPC-019").expect("VPC-019");
        let results = evaluate(
            &inventory,
            &Profile::default(),
            &[check],
            &[],
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .results;
        for (i, block) in blocks.iter().enumerate() {
            let pairwise = blocks.iter().enumerate().any(|(j, other)| {
                i != j && (block.contains(other) || other.contains(block))
            });
            let status = results
                .iter()
                .find(|r| r.resource.id == format!("subnet-{i}"))
                .map(|r| r.status);
            let expected = if pairwise { Status::Fail } else { Status::Pass };
            prop_assert_eq!(status, Some(expected), "subnet-{} {}", i, block);
        }
    }
}
