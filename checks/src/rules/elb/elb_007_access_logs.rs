use super::super::prelude::*;

declare_check! {
    /// Access logs are the record of who called what through the entry point; without them an
    /// incident has no request history.
    ///
    /// # Remediation
    /// Enable `access_logs.s3.enabled` with a bucket that allows the ELB log delivery principal.
    CHECK {
        id: "ELB-007",
        title: "Load balancer access logs go to S3",
        severity: Medium,
        references: [Fsbp("ELB.5"), PciDss4("10.2.1")],
        params: ["load_balancer.access_logs"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.load_balancer.access_logs != Some(true) {
        return ctx.param_not_set("load_balancer.access_logs");
    }
    super::attribute_verdicts(
        ctx,
        ctx.inventory.load_balancers(),
        "access_logs.s3.enabled",
        |value| value == Some("true"),
        "true",
    )
}
