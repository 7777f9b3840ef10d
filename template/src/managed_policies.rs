//! The documents of the AWS-managed policies templates attach most (aws_managed_policies.json,
//! written by scripts/aws-managed-policies.py from AWS's published versions): a role attaching
//! one is judged by what it grants, as the deployed role is once IAM returns the document.
//! Any other AWS-managed policy stays unknown, and checks that need it say so.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::Value;

static DOCUMENTS: LazyLock<BTreeMap<String, Value>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("aws_managed_policies.json")).expect("valid table")
});

/// The document of the AWS-managed policy `arn` (any partition), when the table has it.
pub fn document(arn: &str) -> Option<Value> {
    let (_, path) = arn.split_once(":iam::aws:policy/")?;
    DOCUMENTS
        .get(&format!("arn:aws:iam::aws:policy/{path}"))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_policies_are_found_in_any_partition_and_others_are_not() {
        let execution = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
        let actions = document(execution).unwrap()["Statement"][0]["Action"].clone();
        assert!(
            actions
                .as_array()
                .unwrap()
                .contains(&"ecr:BatchGetImage".into())
        );
        assert!(document("arn:aws-us-gov:iam::aws:policy/AdministratorAccess").is_some());
        assert_eq!(document("arn:aws:iam::aws:policy/NoSuchPolicy"), None);
        assert_eq!(document("arn:aws:iam::123456789012:policy/Mine"), None);
    }
}
