use super::super::prelude::*;

declare_check! {
    /// Every verdict rests on what the collection saw. A denied, throttled or failing API call
    /// leaves part of the stack unseen: the checks that needed it say `error`, and this check
    /// names each call that failed once, with what it concerned, even when no other check read
    /// what the call would have returned. A run with a failed call therefore never exits 0.
    ///
    /// # Remediation
    /// Grant the missing permission (`stackproof permissions check` prints the policy), or rerun
    /// when the service is throttling or failing; the message names the operation and its error.
    CHECK {
        id: "INV-002",
        title: "Every API call of the collection succeeded",
        severity: High,
        references: [PciDss4("10.7.2")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let inventory = ctx.inventory.all();
    // Operation → (message, what it concerned).
    let mut failed: BTreeMap<&str, (&str, Vec<String>)> = BTreeMap::new();
    for (reference, attribute, error) in inventory.fetch_errors() {
        let concerned = match attribute {
            "*" => reference.to_string(),
            attribute => format!("{reference} ({attribute})"),
        };
        let entry = failed.entry(error.operation.as_str());
        entry
            .or_insert((error.message.as_str(), Vec::new()))
            .1
            .push(concerned);
    }
    for record in &inventory.incomplete {
        let concerned = format!("every {} of {}", record.kind, record.scope);
        let entry = failed.entry(record.operation.as_str());
        entry
            .or_insert((record.message.as_str(), Vec::new()))
            .1
            .push(concerned);
    }
    if failed.is_empty() {
        if inventory.meta.api_calls.is_empty() {
            return vec![Finding::skip(
                ResourceRef::stack(),
                "not collected live: the inventory records no API call",
            )];
        }
        if inventory.resource_count() == 0 && inventory.missing.is_empty() {
            return vec![Finding::skip(
                ResourceRef::stack(),
                "nothing was collected: no call of the collection concerned a resource",
            )];
        }
        let requests: u64 = inventory.meta.api_calls.values().sum();
        return vec![
            Finding::pass(
                ResourceRef::stack(),
                format!("all {requests} API requests of the collection succeeded"),
            )
            .with(Evidence::new(
                "failed_calls",
                0,
                "0",
                "stackproof collector",
            )),
        ];
    }
    failed
        .into_iter()
        .map(|(operation, (message, concerned))| {
            let shown: Vec<&str> = concerned.iter().take(5).map(String::as_str).collect();
            let more = concerned.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            Finding::new(
                ResourceRef::new("api-call", operation),
                Status::Error,
                format!(
                    "{operation} failed: {message}; it concerned {}{more}",
                    shown.join(", ")
                ),
            )
            .with(Evidence::new("succeeded", false, "true", operation))
        })
        .collect()
}
