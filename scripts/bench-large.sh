#!/usr/bin/env bash
# The large-inventory figures of docs/performance.md: synthetic saved inventories of 50,000,
# 100,000 and 200,000 resources (checks/examples/write_inventory.rs) through
# `stackproof check --inventory`, every report format written. Wall time (hyperfine, median of
# 3), peak memory and CPU time (GNU time), the size of each report file.
#
#   scripts/bench-large.sh        (also run at the end of scripts/bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || cargo install hyperfine@1.20.0 --locked
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is required" >&2; exit 2; }
out=target/bench
mkdir -p "$out"
cargo build --release --locked --bin stackproof
bin=${CARGO_TARGET_DIR:-target}/release/stackproof
echo "== large saved inventories through check --inventory (every report format), median of 3"
cargo build --release --locked -p stackproof-checks --example write_inventory
for n in 50000 100000 200000; do
  inventory="$out/inventory-$n.json"
  "${CARGO_TARGET_DIR:-target}/release/examples/write_inventory" "$n" "$inventory"
  # Exit 1 is expected: the synthetic stack has failing checks.
  hyperfine --runs 3 --ignore-failure --export-json "$out/large-$n.json" \
    --prepare "rm -rf $out/large-reports" \
    "$bin check --inventory $inventory --profile microservices --report-dir $out/large-reports"
  rm -rf "$out/large-reports"
  /usr/bin/time -f "$n resources: peak memory %M KB, user %U s, system %S s" \
    "$bin" check --inventory "$inventory" --profile microservices \
    --report-dir "$out/large-reports" >/dev/null || true
  du -sh "$out"/large-reports/*/* | sed 's/^/  /'
  rm -rf "$out/large-reports" "$inventory"
done
