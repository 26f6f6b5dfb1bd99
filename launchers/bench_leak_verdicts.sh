#!/usr/bin/env bash
# Leak verdicts of the lifecycle harness with and without the reference server's injected leak
# (--debug-leak-kb-per-request), ConcurrentSimulation (200 requests per level, tiny profile) as the test.
# A small initial heap keeps the JVM's own heap sizing out of the RSS slope after the warm-up.
#
# Usage: launchers/bench_leak_verdicts.sh [LEAK_KB_PER_REQUEST]     (default: 256)
set -euo pipefail
cd "$(dirname "$0")/.."

leak_kb="${1:-256}"
out="${RESULTS_DIR:-/tmp/kimi-bench-results/leak-$(date -u +%Y%m%d_%H%M%S)}"
mkdir -p "$out"
for mode in without with; do
  extra=""
  [ "$mode" = with ] && extra="--debug-leak-kb-per-request $leak_kb"
  rc=0
  # shellcheck disable=SC2016  # $SERVER_URL is expanded by the harness's shell, not here
  PROFILE=tiny PORT="${PORT:-18091}" RUN_DIR="$out/run-$mode" REFERENCE_JAVA_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC" \
    REFERENCE_EXTRA_FLAGS="$extra" launchers/lifecycle.sh --report "$out/$mode.json" --sample-interval-s 0.5 \
    --warmup-s 20 --settle-s 1 --run-tests 'mvn -q gatling:test -Dgatling.simulationClass=ConcurrentSimulation -Dtarget.url=$SERVER_URL -Dresults.dir='"$out"'/results -Dconcurrency.requests=200 -Dconcurrency.pause.s=0' \
    >"$out/$mode.log" 2>&1 || rc=$?
  echo "$mode injected leak: harness exit $rc"
  python3 - "$out/$mode.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["steps"]:
    if s["name"] in ("memory_released", "memory_growth", "no_residual_processes") or not s["passed"]:
        print("  ", s["name"], "passed" if s["passed"] else "FAILED", "-", s["detail"])
PY
done
