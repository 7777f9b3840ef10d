#!/usr/bin/env bash
# Runs the property tests of the three parsers that read users' files — outputs files, IAM policy
# documents, profiles — with fresh random inputs until SECONDS (default 600) have passed.
# Usage: scripts/fuzz.sh [SECONDS]. A failure stops the loop and shows the minimal input.
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-600}"
end=$((SECONDS + budget))
rounds=0
while [ "$SECONDS" -lt "$end" ]; do
  PROPTEST_CASES="${PROPTEST_CASES:-5000}" cargo test --quiet -p stackproof-collector --test outputs parsing_
  PROPTEST_CASES="${PROPTEST_CASES:-5000}" cargo test --quiet -p stackproof-checks --test policy
  PROPTEST_CASES="${PROPTEST_CASES:-5000}" cargo test --quiet -p stackproof-checks --test profiles profile_
  rounds=$((rounds + 1))
done
echo "fuzzed for ${budget} s: ${rounds} rounds of every parser's properties, no failure"
