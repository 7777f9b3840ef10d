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
    let topics: Vec<&str> = ctx
        .inventory
        .sns_topics
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    vec![
        Finding::verdict(
            ResourceRef::stack(),
            !topics.is_empty(),
            format!("topics {topics:?}"),
            "no SNS topic",
        )
        .with(Evidence::new(
            "sns_topics[].name",
            &topics,
            "≥ 1 topic",
            op::SNS_ATTRIBUTES,
        )),
    ]
}
