use super::super::prelude::*;

declare_check! {
    /// One group per service keeps retention, access and subscription filters per service, and makes
    /// a service's logs findable.
    ///
    /// # Remediation
    /// Give each service's task definition its own `awslogs-group`.
    CHECK {
        id: "OBS-005",
        title: "Each ECS service logs to a log group of its own",
        severity: Low,
        references: [Seed("004", "CloudWatch log groups for each ECS service")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let groups_of = |service: &EcsService| -> BTreeSet<&str> {
        ctx.containers_of(service)
            .filter_map(|c| c.log_options.get("awslogs-group").map(String::as_str))
            .collect()
    };
    let services = ctx.inventory.ecs_services();
    // Log group → the services writing to it, built once.
    let mut writers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for service in services {
        for group in groups_of(service) {
            writers.entry(group).or_default().push(&service.name);
        }
    }
    ctx.each(services, &[], |service| {
        let mine: Vec<&str> = groups_of(service).into_iter().collect();
        let shared: Vec<&str> = mine
            .iter()
            .filter(|group| writers[*group].iter().any(|name| *name != service.name))
            .copied()
            .collect();
        Finding::verdict(
            service.reference(),
            !mine.is_empty() && shared.is_empty(),
            format!("{mine}", mine = W(&mine)),
            format!(
                "log groups {mine} (shared: {shared})",
                mine = W(&mine),
                shared = W(&shared)
            ),
        )
        .with(Evidence::new(
            "containers[].log_options.awslogs-group",
            &mine,
            "a group no other service uses",
            op::ECS_TASK_DEFINITION,
        ))
    })
}
