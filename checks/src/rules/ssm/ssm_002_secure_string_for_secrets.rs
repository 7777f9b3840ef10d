use super::super::prelude::*;

declare_check! {
    /// A `String` parameter named `…/db-password` is readable in clear by anyone with
    /// `ssm:GetParameter` and shows up in console history.
    ///
    /// # Remediation
    /// Recreate the parameter as `SecureString` (overwrite with `--type SecureString`).
    CHECK {
        id: "SSM-002",
        title: "Secret-like SSM parameters are SecureStrings",
        severity: High,
        references: [PciDss4("8.3.2"), Seed("003", "Implement encryption at rest and in transit")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let secret_like = ctx.inventory.ssm_parameters().iter().filter(|p| {
        let leaf = p
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&p.name)
            .replace('-', "_");
        super::super::ecs::looks_like_secret_name(&leaf)
    });
    ctx.each(secret_like, &[], |parameter| {
        Finding::verdict(
            parameter.reference(),
            parameter.parameter_type == "SecureString",
            "SecureString",
            format!("type {}", parameter.parameter_type),
        )
        .with(Evidence::new(
            "type",
            &parameter.parameter_type,
            "SecureString",
            op::SSM_PARAMETERS,
        ))
    })
}
