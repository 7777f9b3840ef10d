//! Rewriting an answer the way AWS would have given it: the state of each listed resource, in
//! the XML of the Query protocols and in ECS's JSON, with `Content-Length` following the body.

/// The answer's head and body, when it is text.
fn split(answer: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(answer).ok()?;
    let at = text.find("\r\n\r\n")?;
    Some((&text[..at], &text[at + 4..]))
}

/// `head` with its `Content-Length` set to `body`'s, followed by `body`.
fn join(head: &str, body: &str) -> Vec<u8> {
    let head: Vec<String> = head
        .lines()
        .map(
            |line| match line.to_ascii_lowercase().starts_with("content-length:") {
                true => format!("Content-Length: {}", body.len()),
                false => line.to_string(),
            },
        )
        .collect();
    format!("{}\r\n\r\n{body}", head.join("\r\n")).into_bytes()
}

/// The first `<name>value</name>` of an XML answer.
pub fn tag_value(answer: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(answer).ok()?;
    let open = format!("<{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&format!("</{name}>"))? + start;
    Some(text[start..end].to_string())
}

/// The XML answer with each resource's state replaced where `state_of(id)` says so: a resource
/// is the `<id_tag>` and the first `<state_tag>` after it, before the next `<id_tag>` (the order
/// of the Query protocols' shapes: `natGatewayId … state`, `DBClusterIdentifier … Status`,
/// `LoadBalancerArn … State/Code`).
pub fn xml_states(
    answer: &[u8],
    id_tag: &str,
    state_tag: &str,
    mut state_of: impl FnMut(&str) -> Option<&'static str>,
) -> Vec<u8> {
    let Some((head, body)) = split(answer) else {
        return answer.to_vec();
    };
    let (id_open, id_close) = (format!("<{id_tag}>"), format!("</{id_tag}>"));
    let (state_open, state_close) = (format!("<{state_tag}>"), format!("</{state_tag}>"));
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(&id_open) {
        let id_start = at + id_open.len();
        let Some(id_len) = rest[id_start..].find(&id_close) else {
            break;
        };
        let id = &rest[id_start..id_start + id_len];
        let after_id = id_start + id_len;
        let next = (rest[after_id..].find(&id_open)).map_or(rest.len(), |n| after_id + n);
        let state =
            (rest[after_id..next].find(&state_open)).map(|s| after_id + s + state_open.len());
        match (state, state_of(id)) {
            (Some(state_start), Some(new)) => {
                let state_len = rest[state_start..].find(&state_close).unwrap_or(0);
                out.push_str(&rest[..state_start]);
                out.push_str(new);
                rest = &rest[state_start + state_len..];
            }
            _ => {
                out.push_str(&rest[..after_id]);
                rest = &rest[after_id..];
            }
        }
    }
    out.push_str(rest);
    join(head, &out)
}

/// ECS's JSON answer with the `status` of each service (`service` or `services[]`, known by
/// `serviceArn`) replaced where `state_of(arn)` says so.
pub fn ecs_service_states(
    answer: &[u8],
    mut state_of: impl FnMut(&str) -> Option<&'static str>,
) -> Vec<u8> {
    let Some((head, body)) = split(answer) else {
        return answer.to_vec();
    };
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(body) else {
        return answer.to_vec();
    };
    let Some(object) = json.as_object_mut() else {
        return answer.to_vec();
    };
    let mut services: Vec<&mut serde_json::Value> = Vec::new();
    for (key, value) in object.iter_mut() {
        match (key.as_str(), value) {
            ("services", serde_json::Value::Array(list)) => services.extend(list.iter_mut()),
            ("service", one) => services.push(one),
            _ => {}
        }
    }
    let mut changed = false;
    for service in services {
        let arn = service.get("serviceArn").and_then(|a| a.as_str());
        if let Some(state) = arn.and_then(&mut state_of) {
            service["status"] = state.into();
            changed = true;
        }
    }
    match changed {
        true => join(head, &json.to_string()),
        false => answer.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }

    fn body_of(rewritten: Vec<u8>) -> String {
        let text = String::from_utf8(rewritten).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        body.to_string()
    }

    #[test]
    fn states_are_rewritten_per_resource_and_the_length_follows() {
        let body = "<DescribeNatGatewaysResponse><natGatewaySet>\
            <item><natGatewayId>nat-1</natGatewayId><subnetId>subnet-1</subnetId><state>available</state></item>\
            <item><natGatewayId>nat-2</natGatewayId><state>available</state></item>\
            </natGatewaySet></DescribeNatGatewaysResponse>";
        let rewritten = xml_states(answer(body).as_bytes(), "natGatewayId", "state", |id| {
            (id == "nat-1").then_some("pending")
        });
        let body = body_of(rewritten);
        assert!(body.contains(
            "<natGatewayId>nat-1</natGatewayId><subnetId>subnet-1</subnetId><state>pending</state>"
        ));
        assert!(body.contains("<natGatewayId>nat-2</natGatewayId><state>available</state>"));
    }

    /// A cluster's own `Status` comes before its security groups' `Status`: only the first
    /// after the identifier is the cluster's.
    #[test]
    fn only_the_resources_own_state_is_rewritten() {
        let body = "<DBClusters><DBCluster><DBClusterIdentifier>c1</DBClusterIdentifier>\
            <Status>available</Status><VpcSecurityGroups><VpcSecurityGroupMembership>\
            <Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups></DBCluster></DBClusters>";
        let body = body_of(xml_states(
            answer(body).as_bytes(),
            "DBClusterIdentifier",
            "Status",
            |_| Some("creating"),
        ));
        assert!(body.contains("<Status>creating</Status><VpcSecurityGroups>"));
        assert!(body.contains("<Status>active</Status>"));
    }

    #[test]
    fn ecs_services_are_found_by_arn_in_lists_and_single_answers() {
        let list = r#"{"services": [{"serviceArn": "arn:s/a", "status": "INACTIVE"}, {"serviceArn": "arn:s/b", "status": "ACTIVE"}], "failures": []}"#;
        let body = body_of(ecs_service_states(answer(list).as_bytes(), |arn| {
            (arn == "arn:s/a").then_some("DRAINING")
        }));
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["services"][0]["status"], "DRAINING");
        assert_eq!(json["services"][1]["status"], "ACTIVE");
        let one = r#"{"service": {"serviceArn": "arn:s/a", "status": "INACTIVE"}}"#;
        let body = body_of(ecs_service_states(answer(one).as_bytes(), |_| {
            Some("DRAINING")
        }));
        assert!(body.contains(r#""status":"DRAINING""#));
    }
}
