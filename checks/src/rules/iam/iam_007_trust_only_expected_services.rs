use super::super::prelude::*;
use crate::policy;

declare_check! {
    /// A role's trust policy decides who can become it. Workload roles should be assumable by
    /// the services that run the workload (`ecs-tasks.amazonaws.com` …), not by `*` or by other
    /// accounts.
    ///
    /// # Remediation
    /// Restrict the trust policy's principals to the profiled service principals.
    CHECK {
        id: "IAM-007",
        title: "Trust policies name only the expected service principals",
        severity: High,
        references: [PciDss4("7.2.1"), Seed("004", "Separate IAM roles for each service type")],
        params: ["iam.trusted_service_principals"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let Some(trusted) = &ctx.profile.iam.trusted_service_principals else {
        return ctx.param_not_set("iam.trusted_service_principals");
    };
    ctx.each(ctx.inventory.roles(), &[], |role| {
        let Some(document) = &role.trust_policy else {
            return Finding::new(
                role.reference(),
                crate::result::Status::Error,
                "trust policy was not collected",
            );
        };
        let principals: Vec<(String, String)> = policy::statements(document)
            .into_iter()
            .filter(|s| s.allow)
            .flat_map(|s| s.principals)
            .collect();
        let unexpected: Vec<String> = principals
            .iter()
            .filter(|(kind, id)| !(kind == "Service" && trusted.contains(id)))
            .map(|(kind, id)| format!("{kind}:{id}"))
            .collect();
        let ok = unexpected.is_empty() && !principals.is_empty();
        Finding::verdict(
            role.reference(),
            ok,
            "trusted by expected services only",
            format!(
                "unexpected principals: {unexpected}",
                unexpected = W(&unexpected)
            ),
        )
        .with(Evidence::new(
            "trust_policy.Statement[].Principal",
            &principals,
            format!("Service ∈ {trusted}", trusted = W(&trusted)),
            op::IAM_ROLE,
        ))
    })
}
