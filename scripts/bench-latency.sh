#!/usr/bin/env bash
# Collection at AWS's round trip and request rates (docs/performance.md, "Round trips").
#
#   scripts/bench-latency.sh                 every scenario at 0, 20, 50 and 100 ms per request
#   BENCH_SCENARIOS="microservices" BENCH_LATENCIES="0 50" scripts/bench-latency.sh
#   BENCH_THROTTLE=aws scripts/bench-latency.sh   …with AWS's default read rates as well
#   BENCH_PROFILE=debug scripts/bench-latency.sh  the test build instead of a release build
#
# The stacks are provisioned once on the embedded emulator; `stackproof check` then runs through
# `stackproof-proxy` (proxy/), which adds the latency to every request and throttles when asked.
# The added time over 0 ms divided by the latency is the critical path in round trips. Results go
# to target/bench/latency/ (hyperfine JSON, each run's report.json, summary.md).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench/latency
mkdir -p "$out"
runs=${BENCH_RUNS:-3}
profile=${BENCH_PROFILE:-release}
scenarios=${BENCH_SCENARIOS:-"transaction-processing analytics-platform blue-green multi-environment microservices mixed-35 scale-1000"}
latencies=${BENCH_LATENCIES:-"0 20 50 100"}
throttle=${BENCH_THROTTLE:-none}

command -v hyperfine >/dev/null || cargo install hyperfine@1.20.0 --locked
flag=$([[ $profile == release ]] && echo --release || true)
cargo build $flag --locked -p stackproof --bin stackproof
cargo build $flag --locked -p stackproof-proxy
bin=${CARGO_TARGET_DIR:-target}/$profile/stackproof
proxy_bin=${CARGO_TARGET_DIR:-target}/$profile/stackproof-proxy
"$bin" emulator --install >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
"$bin" emulator --port "$port" >"$out/emulator.log" 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
emulator="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$emulator/moto-api/" >/dev/null && break; sleep 0.2; done

stacks="$out/stacks"
rm -rf "$stacks"
for scenario in $scenarios; do
  "$bin" provision --scenario "$scenario" --endpoint "$emulator" --out-dir "$stacks" >/dev/null
done

check() { # outputs endpoint report-dir: exit 0 (pass) or 1 (fail) is a measured run
  "$bin" check --outputs "$1" --profile baseline --endpoint "$2" --report-dir "$3" \
    --format json >/dev/null || [[ $? -le 1 ]]
}
export -f check
export bin

summary="$out/summary.md"
echo "| stack | latency | median | requests | added over 0 ms | round trips | throttled | error results |" >"$summary"
echo "|---|---:|---:|---:|---:|---:|---:|---:|" >>"$summary"
for latency in $latencies; do
  proxy_port=$(free_port)
  "$proxy_bin" --upstream "$emulator" --port "$proxy_port" --latency-ms "$latency" \
    --throttle "$throttle" >/dev/null 2>"$out/proxy-$latency.log" &
  pids+=($!)
  endpoint="http://127.0.0.1:$proxy_port"
  for _ in $(seq 50); do curl -sf "$endpoint/__proxy/stats" >/dev/null && break; sleep 0.1; done
  # One measured stack per outputs file (multi-environment writes one per environment).
  for outputs in $(cd "$stacks" && find $scenarios -name flat-outputs.json | sort); do
    scenario=$(dirname "$outputs" | tr / -)
    outputs="$stacks/$outputs"
    reports="$out/reports-$scenario-$latency"
    rm -rf "$reports"
    before=$(curl -sf "$endpoint/__proxy/stats")
    hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$out/$scenario-$latency.json" \
      "check $outputs $endpoint $reports" >/dev/null
    after=$(curl -sf "$endpoint/__proxy/stats")
    python3 - "$summary" "$out" "$scenario" "$latency" "$reports" "$before" "$after" $((runs + 1)) <<'PY'
import json, pathlib, sys
summary, out, scenario, latency, reports, before, after, runs = sys.argv[1:]
latency, runs = int(latency), int(runs)
median = json.loads(pathlib.Path(out, f"{scenario}-{latency}.json").read_text())["results"][0]["median"]
base_file = pathlib.Path(out, f"{scenario}-0.json")
base = json.loads(base_file.read_text())["results"][0]["median"] if base_file.exists() else None
report = json.loads(next(pathlib.Path(reports).glob("*/report.json")).read_text())
stack = report["stacks"][0]
requests = sum(stack["meta"]["api_calls"].values())
errors = sum(1 for r in stack["results"] if r["status"] == "error")
throttled = sum(json.loads(after)["throttled"].values()) - sum(json.loads(before)["throttled"].values())
added = f"{(median - base) * 1000:.0f} ms" if base is not None and latency else "–"
trips = f"{(median - base) * 1000 / latency:.1f}" if base is not None and latency else "–"
row = f"| {scenario} | {latency} ms | {median * 1000:.0f} ms | {requests} | {added} | {trips} | {throttled / runs:.0f} | {errors} |"
print(row)
open(summary, "a").write(row + "\n")
PY
  done
done
echo "summary: $summary"
