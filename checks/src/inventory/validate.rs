//! A saved inventory is input like any other: before it is judged, it must be of this version,
//! name every resource, and hold only values AWS can return. Errors name the key.

use super::{INVENTORY_SCHEMA_VERSION, Inventory};

impl Inventory {
    /// The first problem that makes the inventory unfit to judge, as `key: problem`.
    pub fn validate(&self) -> Result<(), String> {
        if self.schema_version != INVENTORY_SCHEMA_VERSION {
            return Err(format!(
                "schema_version: {} is not {INVENTORY_SCHEMA_VERSION}, the version this stackproof \
                 reads (collect it again with this version)",
                self.schema_version
            ));
        }
        let mut problem = None;
        self.visit(|reference, _| {
            if problem.is_none() && reference.id.trim().is_empty() {
                problem = Some(format!("a {} has an empty identifier", reference.kind));
            }
        });
        if let Some(problem) = problem {
            return Err(problem);
        }
        let positive = |key: String, value: Option<i32>| match value {
            Some(value) if value <= 0 => Err(format!("{key}: {value} is not a positive number")),
            _ => Ok(()),
        };
        let not_negative = |key: String, value: i64| match value {
            value if value < 0 => Err(format!("{key}: {value} is negative")),
            _ => Ok(()),
        };
        for group in &self.log_groups {
            positive(
                format!("log group {}: retention_days", group.name),
                group.retention_days,
            )?;
        }
        for cluster in &self.db_clusters {
            let key = format!("db cluster {}: backup_retention_days", cluster.id);
            not_negative(key, cluster.backup_retention_days.unwrap_or(0).into())?;
        }
        for service in &self.ecs_services {
            let key = format!("ecs service {}: desired_count", service.name);
            not_negative(key, service.desired_count.into())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{LogGroup, Vpc};

    fn valid() -> Inventory {
        Inventory {
            schema_version: INVENTORY_SCHEMA_VERSION,
            ..Inventory::default()
        }
    }

    #[test]
    fn versions_identifiers_and_impossible_values_are_rejected() {
        assert!(valid().validate().is_ok());
        for version in [0, 99] {
            let inventory = Inventory {
                schema_version: version,
                ..valid()
            };
            assert!(inventory.validate().unwrap_err().contains("schema_version"));
        }
        let mut nameless = valid();
        nameless.vpcs.push(Vpc::default());
        assert!(nameless.validate().unwrap_err().contains("vpc"));
        let mut negative = valid();
        negative.log_groups.push(LogGroup {
            name: "/ecs/app".into(),
            retention_days: Some(-30),
            ..LogGroup::default()
        });
        let message = negative.validate().unwrap_err();
        assert!(
            message.contains("/ecs/app") && message.contains("-30"),
            "{message}"
        );
    }
}
