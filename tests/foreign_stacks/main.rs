//! Stacks shaped unlike our five scenarios, built here with the AWS SDK as someone else's
//! deployment would leave them (not with the provisioner's builders), collected from their
//! outputs file and judged by every check of the registry. For each, the expected verdict of
//! every (check, resource) is written down before the run (`expected/*.table`, see
//! `table.rs`), and the whole table is compared.

#[path = "../support/mod.rs"]
mod support;

mod build;
mod legacy;
mod platform;
mod shop;
mod table;
mod twins;
