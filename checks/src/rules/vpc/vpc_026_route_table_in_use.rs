use super::super::prelude::*;

declare_check! {
    /// A route table no subnet uses is a configuration nobody reviews: its routes (often a
    /// default route to an internet gateway or a peering) take effect the moment a subnet is
    /// associated with it. Keep a VPC's route tables to its main table and the ones its subnets
    /// use.
    ///
    /// # Remediation
    /// Associate the table with the subnets it was meant for (`aws ec2 associate-route-table`;
    /// in a template, an `AWS::EC2::SubnetRouteTableAssociation`) or delete it.
    CHECK {
        id: "VPC-026",
        title: "Route tables are in use",
        severity: Low,
        references: [Seed("004", "routing tables configured for public and private subnet tiers")],
        params: [],
        evaluate: evaluate,
    }
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    ctx.each(ctx.inventory.route_tables(), &[], |table| {
        let passed = table.main || !table.subnet_ids.is_empty();
        let message = if table.main {
            "the VPC's main route table".to_string()
        } else if passed {
            format!("used by {subnets}", subnets = W(&table.subnet_ids))
        } else {
            "associated with no subnet and not the VPC's main table".to_string()
        };
        Finding::verdict(table.reference(), passed, message.clone(), message).with(Evidence::new(
            "associations",
            &table.subnet_ids,
            "main, or at least one subnet",
            op::EC2_ROUTE_TABLES,
        ))
    })
}
