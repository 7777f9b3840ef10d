use super::super::prelude::*;

declare_check! {
    /// `Principal: "*"` without a condition lets any AWS account use the key.
    ///
    /// # Remediation
    /// Replace the wildcard principal with the account root or named roles, or add a condition (`kms:CallerAccount`, `kms:ViaService`).
    CHECK {
        id: "KMS-002",
        title: "Key policies grant nothing to everyone",
        severity: Critical,
        references: [Fsbp("KMS.5"), PciDss4("3.6.1"), Seed("001", "Customer-managed KMS keys for encrypting database backups and CloudWatch logs")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let customer = ctx.customer_keys();
    ctx.each(customer, &["policy"], |key| {
        let Some(policy) = &key.policy else {
            return Finding::new(
                key.reference(),
                Status::Error,
                "key policy was not collected",
            );
        };
        let public = crate::policy::public_grants(policy);
        Finding::verdict(
            key.reference(),
            public.is_empty(),
            "no wildcard principal",
            format!("wildcard principal for {public}", public = W(&public)),
        )
        .with(Evidence::new(
            "policy.Statement[Principal=*]",
            &public,
            "none without a condition",
            op::KMS_POLICY,
        ))
    })
}
