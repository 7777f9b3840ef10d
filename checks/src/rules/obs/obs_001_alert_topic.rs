use super::super::prelude::*;

declare_check! {
    /// Alarms and drift detection need somewhere to send; without a topic they fire into nothing.
    ///
    /// # Remediation
    /// Create an SNS topic for alerts with the stack and subscribe the on-call channel.
    CHECK {
        id: "OBS-001",
        title: "The stack has an SNS topic for alerts",
        severity: Medium,
        references: [Seed("003", "Set up SNS topics for configuration drift alerts when environments diverge from expected state")],
        params: ["observability.alert_topic"],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    if ctx.profile.observability.alert_topic != Some(true) {
        return ctx.param_not_set("observability.alert_topic");
    }
    vec![ctx.exists(
        ResourceRef::stack(),
        ctx.inventory.sns_topics(),
        "an SNS topic",
        op::SNS_ATTRIBUTES,
    )]
}
