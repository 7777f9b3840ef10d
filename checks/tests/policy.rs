//! IAM policy parsing and wildcard matching, proved against a simple reference.

use proptest::prelude::*;
use serde_json::json;
use stackproof_checks::policy::{action_matches, is_service_wildcard, parse_error, statements};

/// Reference: IAM wildcards as an anchored, case-insensitive regular expression.
fn reference_matches(pattern: &str, action: &str) -> bool {
    let mut regex = String::from("(?is)^");
    for c in pattern.chars() {
        match c {
            '*' => regex.push_str(".*"),
            '?' => regex.push('.'),
            other => regex.push_str(&regex::escape(&other.to_string())),
        }
    }
    regex.push('$');
    regex::Regex::new(&regex).unwrap().is_match(action)
}

proptest! {
    #[test]
    fn wildcard_matching_agrees_with_the_reference(pattern in "[a-cA-C:*?]{0,8}", action in "[a-cA-C:]{0,8}") {
        prop_assert_eq!(action_matches(&pattern, &action), reference_matches(&pattern, &action));
    }

    #[test]
    fn real_looking_actions_agree_too(service in "(s3|iam|logs|ecr)", verb in "(Get|Put|Pass|List)[A-Z][a-z]{0,6}", cut in 0usize..8) {
        let action = format!("{service}:{verb}");
        let pattern = format!("{}*", &action[..cut.min(action.len())]);
        prop_assert!(action_matches(&pattern, &action));
        prop_assert_eq!(action_matches(&pattern, &action), reference_matches(&pattern, &action));
    }

    #[test]
    fn parsing_never_panics_on_arbitrary_json(text in any::<String>(), number in any::<i64>()) {
        for document in [json!(text), json!({"Statement": text}), json!({"Statement": [number, {"Action": number}]})] {
            let _ = statements(&document);
            let _ = parse_error(&document);
        }
    }
}

#[test]
fn string_and_list_forms_read_the_same() {
    let single =
        json!({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}});
    let listed =
        json!({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}]});
    assert_eq!(statements(&single), statements(&listed));
    assert!(statements(&single)[0].allow);
}

#[test]
fn url_encoded_documents_are_decoded() {
    let encoded = "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
    let parsed = statements(&json!(encoded));
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].actions, vec!["*"]);
}

#[test]
fn principals_conditions_and_not_forms_are_kept() {
    let document = json!({"Statement": [{
        "Effect": "Allow", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::x"],
        "Principal": {"Service": ["ecs-tasks.amazonaws.com"], "AWS": "*"},
        "Condition": {"Bool": {"aws:SecureTransport": "true"}}
    }, {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]});
    let parsed = statements(&document);
    assert_eq!(parsed[0].not_actions, vec!["iam:*"]);
    assert_eq!(parsed[0].not_resources, vec!["arn:aws:s3:::x"]);
    assert!(
        parsed[0]
            .principals
            .contains(&("Service".into(), "ecs-tasks.amazonaws.com".into()))
    );
    assert!(parsed[0].principals.contains(&("AWS".into(), "*".into())));
    assert!(parsed[0].has_condition);
    assert!(!parsed[1].allow);
    assert_eq!(
        parsed[1].principals,
        vec![("*".to_string(), "*".to_string())]
    );
}

#[test]
fn service_wildcards_are_recognised() {
    assert!(is_service_wildcard("s3:*"));
    assert!(!is_service_wildcard("s3:Get*"));
    assert!(!is_service_wildcard("*"));
    assert!(parse_error(&json!({"Version": "2012-10-17"})).is_some());
}
