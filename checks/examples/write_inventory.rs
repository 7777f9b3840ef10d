//! Writes the synthetic inventory of N resources (default 200,000) as a saved inventory, the
//! input of the large-inventory benchmark: `stackproof check --inventory FILE`.
//! `cargo run --release -p stackproof-checks --example write_inventory -- 200000 big.json`.

use stackproof_checks::inventory::INVENTORY_SCHEMA_VERSION;

#[path = "../benches/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().map_or(200_000, |arg| {
        arg.parse().expect("N: a number of resources")
    });
    let path = args.next().unwrap_or_else(|| format!("inventory-{n}.json"));
    let mut inventory = synthetic::synthetic(n);
    inventory.schema_version = INVENTORY_SCHEMA_VERSION;
    let file = std::io::BufWriter::new(std::fs::File::create(&path).expect("an output file"));
    serde_json::to_writer(file, &inventory).expect("the inventory written");
    eprintln!("{} resources written to {path}", inventory.resource_count());
}
