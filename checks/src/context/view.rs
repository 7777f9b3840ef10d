//! The inventory as checks see it: every list is read through a method that notes its kind, so
//! the engine knows which collections a check's verdict rests on. A check over a kind whose
//! collection is incomplete, or that holds a resource nobody could describe, then cannot pass
//! (see [`super::completeness`]).
//!
//! The notes are kept per thread: the engine runs each check start to finish on one thread
//! (checks do no parallel work of their own) and takes the notes right after.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::inventory::*;

thread_local! {
    static READ: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Notes that the running check consulted resources of `kind`.
pub(crate) fn note(kind: &'static str) {
    READ.with(|read| {
        read.borrow_mut().insert(kind);
    });
}

/// The kinds noted since the last call, clearing them.
pub(crate) fn take_reads() -> BTreeSet<&'static str> {
    READ.with(|read| std::mem::take(&mut *read.borrow_mut()))
}

/// Read access to the inventory that records which kinds were read.
#[derive(Clone, Copy)]
pub struct InventoryView<'a> {
    inventory: &'a Inventory,
}

macro_rules! lists {
    ($($field:ident: $type:ty),* $(,)?) => {
        impl<'a> InventoryView<'a> {
            $(
                pub fn $field(&self) -> &'a [$type] {
                    note(<$type as Resource>::KIND);
                    &self.inventory.$field
                }
            )*
        }

        /// Every resource kind the inventory holds.
        pub const KINDS: &[&str] = &[$(<$type as Resource>::KIND),*];
    };
}

lists! {
    vpcs: Vpc,
    subnets: Subnet,
    route_tables: RouteTable,
    internet_gateways: InternetGateway,
    nat_gateways: NatGateway,
    vpc_endpoints: VpcEndpoint,
    security_groups: SecurityGroup,
    flow_logs: FlowLog,
    vpc_peerings: VpcPeering,
    ecs_clusters: EcsCluster,
    ecs_services: EcsService,
    task_definitions: TaskDefinition,
    load_balancers: LoadBalancer,
    listeners: Listener,
    target_groups: TargetGroup,
    db_clusters: DbCluster,
    db_instances: DbInstance,
    buckets: Bucket,
    roles: Role,
    log_groups: LogGroup,
    kms_keys: KmsKey,
    secrets: Secret,
    sns_topics: SnsTopic,
    ecr_repositories: EcrRepository,
    cloud_map_namespaces: CloudMapNamespace,
    cloud_map_services: CloudMapService,
    scalable_targets: ScalableTarget,
    scaling_policies: ScalingPolicy,
    ssm_parameters: SsmParameter,
    dashboards: Dashboard,
    alarms: Alarm,
}

impl<'a> InventoryView<'a> {
    pub fn new(inventory: &'a Inventory) -> Self {
        Self { inventory }
    }

    /// The run's metadata (not a resource kind).
    pub fn meta(&self) -> &'a RunMeta {
        &self.inventory.meta
    }

    /// Resources the outputs name that the target does not have; judging them reads every kind.
    pub fn missing(&self) -> &'a [MissingResource] {
        KINDS.iter().for_each(|kind| note(kind));
        &self.inventory.missing
    }

    /// The whole inventory, for checks that look at every kind (names, tags): notes them all.
    pub fn all(&self) -> &'a Inventory {
        KINDS.iter().for_each(|kind| note(kind));
        self.inventory
    }
}
