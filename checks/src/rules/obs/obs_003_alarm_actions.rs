use super::super::prelude::*;

declare_check! {
    /// An alarm with actions disabled, or none, changes state and tells no one.
    ///
    /// # Remediation
    /// Enable actions and add the stack's SNS topic to `AlarmActions`.
    CHECK {
        id: "OBS-003",
        title: "Alarms notify the stack's alert topic",
        severity: Medium,
        references: [PciDss4("10.7.2")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.alarms(), &[], |alarm| {
        let to_stack: Vec<&String> = alarm
            .alarm_actions
            .iter()
            .filter(|a| ctx.sns_topic(a).is_some())
            .collect();
        Finding::verdict(
            alarm.reference(),
            alarm.actions_enabled && !to_stack.is_empty(),
            format!("notifies {to_stack}", to_stack = W(&to_stack)),
            format!(
                "actions enabled {}, actions {}",
                alarm.actions_enabled,
                W(&alarm.alarm_actions)
            ),
        )
        .with(Evidence::new(
            "alarm_actions",
            &alarm.alarm_actions,
            "an SNS topic of the stack, actions enabled",
            op::CW_ALARMS,
        ))
    })
}
