//! Whole-stack rules.

pub mod stack_001_region_as_profiled;
pub mod stack_002_names_carry_suffix;
pub mod stack_003_no_hardcoded_environment_names;
pub mod stack_004_required_tags;
pub mod stack_005_destroyable;
pub mod stack_006_outputs_export_profiled_kinds;

use crate::inventory::{FetchError, Inventory, Resource, ResourceRef, Tags};

/// Every resource the stack names itself, with that name: what naming rules judge. Cloud Map
/// services (DNS labels inside the suffixed namespace), SSM parameters (a path hierarchy), the
/// VPC's `default` security group and secrets a service owns (`rds!cluster-…`) are not names
/// the stack chooses.
pub(crate) fn named_resources(inventory: &Inventory) -> Vec<(ResourceRef, &str)> {
    fn named<'a, R: Resource>(
        items: &'a [R],
        name: impl Fn(&'a R) -> Option<&'a str>,
    ) -> impl Iterator<Item = (ResourceRef, &'a str)> {
        items
            .iter()
            .filter_map(move |item| name(item).map(|n| (item.reference(), n)))
    }
    let i = inventory;
    let mut all: Vec<(ResourceRef, &str)> = Vec::new();
    all.extend(named(&i.vpcs, |v| v.tags.get("Name").map(String::as_str)));
    all.extend(named(&i.security_groups, |g| {
        (g.name != "default").then_some(g.name.as_str())
    }));
    all.extend(named(&i.ecs_clusters, |c| Some(c.name.as_str())));
    all.extend(named(&i.ecs_services, |s| Some(s.name.as_str())));
    all.extend(named(&i.task_definitions, |t| Some(t.family.as_str())));
    all.extend(named(&i.load_balancers, |lb| Some(lb.name.as_str())));
    all.extend(named(&i.target_groups, |g| Some(g.name.as_str())));
    all.extend(named(&i.db_clusters, |c| Some(c.id.as_str())));
    all.extend(named(&i.db_instances, |d| Some(d.id.as_str())));
    all.extend(named(&i.buckets, |b| Some(b.name.as_str())));
    all.extend(named(&i.roles, |r| Some(r.name.as_str())));
    all.extend(named(&i.log_groups, |g| Some(g.name.as_str())));
    // Only the stack's own keys: an unnamed key without the suffix may be another team's
    // (KMS-004 judges its use), so it is no naming failure of this stack.
    all.extend(named(&i.kms_keys, |k| {
        (k.is_customer_managed() && i.meta.owns_key(k) == Some(true))
            .then(|| k.aliases.first().map(String::as_str))
            .flatten()
    }));
    all.extend(named(&i.secrets, |s| {
        s.owning_service.is_none().then_some(s.name.as_str())
    }));
    all.extend(named(&i.sns_topics, |t| Some(t.name.as_str())));
    all.extend(named(&i.ecr_repositories, |r| Some(r.name.as_str())));
    all.extend(named(&i.cloud_map_namespaces, |n| Some(n.name.as_str())));
    all.extend(named(&i.dashboards, |d| Some(d.name.as_str())));
    all.extend(named(&i.alarms, |a| Some(a.name.as_str())));
    all
}

/// Every taggable resource with its tags, and whether reading them failed.
pub(crate) fn tagged_resources(
    inventory: &Inventory,
) -> Vec<(ResourceRef, &Tags, Option<&FetchError>)> {
    fn tagged<'a, R: Resource + 'a>(
        items: impl IntoIterator<Item = &'a R>,
        tags: impl Fn(&'a R) -> &'a Tags,
    ) -> impl Iterator<Item = (ResourceRef, &'a Tags, Option<&'a FetchError>)> {
        items.into_iter().map(move |item| {
            let errors = item.errors();
            let error = errors.get("*").or_else(|| errors.get("tags"));
            (item.reference(), tags(item), error)
        })
    }
    let i = inventory;
    let mut all = Vec::new();
    all.extend(tagged(&i.vpcs, |r| &r.tags));
    all.extend(tagged(&i.subnets, |r| &r.tags));
    // What AWS creates with a VPC (its main route table, its default group) is not the
    // stack's: a template cannot tag it.
    all.extend(tagged(i.route_tables.iter().filter(|t| !t.main), |r| {
        &r.tags
    }));
    all.extend(tagged(&i.internet_gateways, |r| &r.tags));
    all.extend(tagged(&i.nat_gateways, |r| &r.tags));
    all.extend(tagged(&i.vpc_endpoints, |r| &r.tags));
    all.extend(tagged(
        i.security_groups.iter().filter(|g| g.name != "default"),
        |r| &r.tags,
    ));
    all.extend(tagged(&i.ecs_clusters, |r| &r.tags));
    all.extend(tagged(&i.ecs_services, |r| &r.tags));
    all.extend(tagged(&i.task_definitions, |r| &r.tags));
    all.extend(tagged(&i.load_balancers, |r| &r.tags));
    all.extend(tagged(&i.target_groups, |r| &r.tags));
    all.extend(tagged(&i.db_clusters, |r| &r.tags));
    all.extend(tagged(&i.db_instances, |r| &r.tags));
    all.extend(tagged(&i.buckets, |r| &r.tags));
    all.extend(tagged(&i.roles, |r| &r.tags));
    all.extend(tagged(&i.log_groups, |r| &r.tags));
    all.extend(tagged(&i.kms_keys, |r| &r.tags));
    // A secret a service creates and manages (an RDS master user secret) is the service's.
    all.extend(tagged(
        i.secrets.iter().filter(|s| s.owning_service.is_none()),
        |r| &r.tags,
    ));
    all.extend(tagged(&i.sns_topics, |r| &r.tags));
    all.extend(tagged(&i.ecr_repositories, |r| &r.tags));
    all
}
