//! Cloud Map: namespaces (by id, or of the services ECS registers into) and their services.
//!
//! ListServices' namespace filter is ignored by emulators (moto lists every service of the
//! account), so a listed service is kept only when GetService places it in the namespace; the
//! services ECS registers into were looked up already, the others cost one GetService each.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_servicediscovery::types::{ServiceFilter, ServiceFilterName};
use futures::future::join_all;
use stackproof_checks::inventory::{
    CloudMapNamespace, CloudMapService, FetchErrors, MissingResource,
};

use super::text;
use crate::clients::Clients;
use crate::failure::{fetch_error, is_not_found};

#[derive(Debug, Default)]
pub struct Discovery {
    pub namespaces: Vec<CloudMapNamespace>,
    pub services: Vec<CloudMapService>,
    pub missing: Vec<MissingResource>,
}

/// `service_refs` are service ids or ARNs (from ECS service registries); their namespaces are
/// collected too.
pub async fn collect(
    clients: &Clients,
    namespace_ids: &BTreeSet<String>,
    service_refs: &BTreeSet<String>,
) -> Discovery {
    let mut discovery = Discovery::default();
    let sd = &clients.discovery;
    let mut namespaces = namespace_ids.clone();
    // Service id → its namespace, as GetService answered.
    let mut placed = BTreeMap::new();
    let described = join_all(service_refs.iter().map(|reference| async move {
        let id = reference.rsplit('/').next().unwrap_or(reference);
        (reference, id, sd.get_service().id(id).send().await)
    }))
    .await;
    for (reference, id, result) in described {
        match result {
            Ok(output) => {
                if let Some(namespace) = output.service().and_then(|s| s.namespace_id()) {
                    namespaces.insert(namespace.to_string());
                    placed.insert(id.to_string(), namespace.to_string());
                }
            }
            Err(error) if is_not_found(&error) => discovery.missing.push(MissingResource {
                kind: "cloud-map-service".into(),
                id: reference.clone(),
                output_key: None,
                operation: "servicediscovery:GetService".into(),
            }),
            Err(_) => {}
        }
    }
    let results = join_all(namespaces.iter().map(|id| namespace(clients, id, &placed))).await;
    for (id, result) in namespaces.iter().zip(results) {
        match result {
            Ok(Some((namespace, services))) => {
                discovery.namespaces.push(namespace);
                discovery.services.extend(services);
            }
            Ok(None) => discovery.missing.push(MissingResource {
                kind: "cloud-map-namespace".into(),
                id: id.clone(),
                output_key: None,
                operation: "servicediscovery:GetNamespace".into(),
            }),
            Err(error) => discovery.namespaces.push(CloudMapNamespace {
                id: id.clone(),
                errors: [("*".to_string(), error)].into(),
                ..CloudMapNamespace::default()
            }),
        }
    }
    discovery
}

type NamespaceWithServices = Option<(CloudMapNamespace, Vec<CloudMapService>)>;

async fn namespace(
    clients: &Clients,
    id: &str,
    placed: &BTreeMap<String, String>,
) -> Result<NamespaceWithServices, stackproof_checks::inventory::FetchError> {
    let sd = &clients.discovery;
    let filter = ServiceFilter::builder()
        .name(ServiceFilterName::NamespaceId)
        .values(id)
        .build()
        .ok();
    // The namespace and its services are asked at once: both need only the id.
    let (described, pages) = tokio::join!(
        sd.get_namespace().id(id).send(),
        sd.list_services()
            .set_filters(filter.map(|f| vec![f]))
            .into_paginator()
            .send()
            .collect::<Result<Vec<_>, _>>()
    );
    let output = match described {
        Ok(output) => output,
        Err(error) if is_not_found(&error) => return Ok(None),
        Err(error) => return Err(fetch_error("servicediscovery:GetNamespace", &error)),
    };
    let Some(n) = output.namespace() else {
        return Ok(None);
    };
    let mut errors = FetchErrors::new();
    let services = match pages {
        Ok(pages) => {
            let listed: Vec<_> = pages.iter().flat_map(|page| page.services()).collect();
            let homes = join_all(listed.iter().map(|s| home_of(clients, s.id(), placed))).await;
            listed
                .into_iter()
                .zip(homes)
                .filter(|(_, home)| home.as_deref().is_none_or(|home| home == id))
                .map(|(s, _)| s)
                .map(|s| CloudMapService {
                    id: text(s.id()),
                    arn: text(s.arn()),
                    name: text(s.name()),
                    namespace_id: id.to_string(),
                    dns_record_types: s
                        .dns_config()
                        .map(|d| {
                            d.dns_records()
                                .iter()
                                .map(|r| r.r#type().as_str().to_string())
                                .collect()
                        })
                        .unwrap_or_default(),
                    errors: FetchErrors::new(),
                })
                .collect()
        }
        Err(error) => {
            errors.insert(
                "services".into(),
                fetch_error("servicediscovery:ListServices", &error),
            );
            Vec::new()
        }
    };
    let namespace = CloudMapNamespace {
        id: text(n.id()),
        arn: text(n.arn()),
        name: text(n.name()),
        namespace_type: n
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        errors,
    };
    Ok(Some((namespace, services)))
}

/// The namespace a listed service belongs to: known from the ECS registries, else asked with
/// GetService (`None` when that fails: the service is kept rather than lost).
async fn home_of(
    clients: &Clients,
    service_id: Option<&str>,
    placed: &BTreeMap<String, String>,
) -> Option<String> {
    let id = service_id?;
    if let Some(home) = placed.get(id) {
        return Some(home.clone());
    }
    let output = clients.discovery.get_service().id(id).send().await.ok()?;
    output.service()?.namespace_id().map(str::to_string)
}
