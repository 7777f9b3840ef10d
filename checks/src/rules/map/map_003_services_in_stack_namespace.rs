use super::super::prelude::*;

declare_check! {
    /// A discovery service in a namespace outside the stack resolves in someone else's zone.
    ///
    /// # Remediation
    /// Recreate the discovery service in the stack's namespace.
    CHECK {
        id: "MAP-003",
        title: "Discovery services live in the stack's private namespace",
        severity: Low,
        references: [Seed("004", "AWS Cloud Map namespace for internal service communication")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.cloud_map_services(), &[], |service| {
        let namespace = ctx.cloud_map_namespace(&service.namespace_id);
        let private = namespace.is_some_and(|n| n.namespace_type == "DNS_PRIVATE");
        let own = namespace.map(|n| ctx.is_stacks_own(&n.name, &[&n.id, &n.arn]));
        let evidence = Evidence::new(
            "namespace_id",
            &service.namespace_id,
            "a DNS_PRIVATE namespace of the stack",
            op::CLOUD_MAP_SERVICE,
        );
        let id = &service.namespace_id;
        let finding = match (private, own) {
            (false, _) => Finding::fail(service.reference(), format!("namespace {id} is not a private DNS namespace")),
            (true, Some(Some(false))) => Finding::fail(
                service.reference(),
                format!("namespace {id} is another stack's: no output names it and its name lacks the suffix"),
            ),
            (true, Some(None)) => {
                Finding::ownership_unknown(service.reference(), format!("namespace {id}"))
            }
            _ => Finding::pass(service.reference(), format!("in {id}")),
        };
        finding.with(evidence)
    })
}
