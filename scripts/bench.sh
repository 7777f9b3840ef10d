#!/usr/bin/env bash
# Reproduces every figure of docs/performance.md on this machine.
#
#   scripts/bench.sh              check-phase wall time, requests, scale, engine
#   scripts/bench.sh --cold-build  first a cold release build of the CLI, timed (cleans target/release)
#
# Needs hyperfine (`cargo install hyperfine@1.20.0 --locked` when missing) and GNU time.
# Results go to target/bench/ (JSON from hyperfine, report.json of each measured check, the
# engine figures) and a summary on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench
mkdir -p "$out"
runs=${BENCH_RUNS:-5}
cold_build=false
[[ "${1:-}" == "--cold-build" ]] && cold_build=true

command -v hyperfine >/dev/null || cargo install hyperfine@1.20.0 --locked
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is required" >&2; exit 2; }

if $cold_build; then
  # Cold: no release artifacts at all (dependencies included) before the build is timed.
  cargo clean --release
  start=$(date +%s)
  cargo build --release --locked --bin stackproof
  echo "cold release build of the CLI: $(( $(date +%s) - start )) s" | tee "$out/cold-build.txt"
fi

cargo build --release --locked --bin stackproof
cargo build --release --locked -p stackproof-checks --example slowest_checks
bin=${CARGO_TARGET_DIR:-target}/release/stackproof
"$bin" emulator --install >/dev/null

# One emulator for the whole benchmark, on a port of our choosing.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" emulator --port "$port" >"$out/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$endpoint/moto-api/" >/dev/null && break; sleep 0.2; done

stacks="$out/stacks"
rm -rf "$stacks"
for scenario in microservices mixed-35 scale-100 scale-1000; do
  "$bin" provision --scenario "$scenario" --endpoint "$endpoint" --out-dir "$stacks" >/dev/null
done

check() { # scenario profile report-dir
  "$bin" check --outputs "$stacks/$1/flat-outputs.json" --profile "$2" --endpoint "$endpoint" \
    --report-dir "$3" --format json >/dev/null || [[ $? -le 1 ]]
}
export -f check
export bin stacks endpoint

echo "== check phase (collect + evaluate + report), median of $runs"
for scenario in microservices mixed-35; do
  hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$out/check-$scenario.json" \
    "check $scenario microservices $out/reports-$scenario"
done

echo "== requests per stack (from report.json)"
for scenario in microservices mixed-35 scale-100 scale-1000; do
  rm -rf "$out/requests-$scenario"
  /usr/bin/time -f "%e s %M KB" -o "$out/time-$scenario.txt" \
    bash -c "check $scenario baseline $out/requests-$scenario"
  python3 - "$out/requests-$scenario" "$scenario" "$out/time-$scenario.txt" <<'PY'
import json, pathlib, sys
report = json.loads(next(pathlib.Path(sys.argv[1]).glob("*/report.json")).read_text())
meta = report["stacks"][0]["meta"]
calls = meta["api_calls"]
elapsed, _, rss, _ = open(sys.argv[3]).read().split()
print(f"{sys.argv[2]}: {sum(calls.values())} requests, repeated {meta['repeated_requests'] or 'none'}, "
      f"phases {meta['phase_ms']}, wall {elapsed} s, peak memory {int(rss) // 1024} MB")
for operation, count in sorted(calls.items()):
    print(f"  | {operation} | {count} |")
PY
done

"$bin" destroy --all --endpoint "$endpoint" --out-dir "$stacks" >/dev/null

echo "== engine over synthetic inventories"
cargo bench -q -p stackproof-checks --bench engine -- --noplot 2>&1 | grep -E "^evaluate|time:" || true
for n in 1000 10000 100000; do
  "${CARGO_TARGET_DIR:-target}/release/examples/slowest_checks" "$n" | sed -n '1p;$p'
done

"$(dirname "$0")/bench-large.sh"
