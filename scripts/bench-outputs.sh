#!/usr/bin/env bash
# The outputs reader on large files (issue #38: it was quadratic): `stackproof outputs FILE
# --json` over flat outputs files of 20,000, 200,000 and 400,000 keys, one value per line, the
# ids, ARNs, names and settings mixed. Linear means 10x the keys takes about 10x the time.
#
#   scripts/bench-outputs.sh                 the release binary (builds it when missing)
#   STACKPROOF_BIN=path scripts/bench-outputs.sh
#
# Needs hyperfine (`cargo install hyperfine@1.20.0 --locked` when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${STACKPROOF_BIN:-${CARGO_TARGET_DIR:-target}/release/stackproof}"
[ -x "$bin" ] || cargo build --release --locked --bin stackproof
command -v hyperfine >/dev/null || cargo install hyperfine@1.20.0 --locked
out="${CARGO_TARGET_DIR:-target}/bench/outputs"
mkdir -p "$out"
for n in 20000 200000 400000; do
  python3 - "$n" "$out/outputs-$n.json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
shapes = [
    lambda i: ("VpcId%d" % i, "vpc-%08x" % i),
    lambda i: ("RoleArn%d" % i, "arn:aws:iam::123456789012:role/app-%d" % i),
    lambda i: ("DataBucketName%d" % i, "data-bucket-%d" % i),
    lambda i: ("Port%d" % i, str(i % 65536)),
    lambda i: ("Note%d" % i, "free text number %d" % i),
]
with open(path, "w") as f:
    json.dump(dict(shapes[i % len(shapes)](i) for i in range(n)), f, indent=1)
PY
done
hyperfine --warmup 1 --runs 3 --export-json "$out/outputs.json" \
  -n 20k "$bin outputs $out/outputs-20000.json --json > /dev/null" \
  -n 200k "$bin outputs $out/outputs-200000.json --json > /dev/null" \
  -n 400k "$bin outputs $out/outputs-400000.json --json > /dev/null"
