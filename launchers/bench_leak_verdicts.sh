#!/usr/bin/env bash
# Leak verdicts of the lifecycle harness with and without the reference server's injected leak
# (--debug-leak-kb-per-request), ConcurrentSimulation (200 requests per level, tiny profile) as the test,
# then the harness's leak rounds (4 × 100 identical requests). The server runs with the JVM's default heap
# settings, as run_plan.sh starts it: the verdict must not take a heap that sizes itself for a leak.
# Prints one line per case: expected and given verdict, the per-round figures and the secondary RSS slope.
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
  PROFILE=tiny PORT="${PORT:-18091}" RUN_DIR="$out/run-$mode" REFERENCE_JAVA_OPTS="${REFERENCE_JAVA_OPTS:-}" \
    REFERENCE_EXTRA_FLAGS="$extra" launchers/lifecycle.sh --report "$out/$mode.json" --sample-interval-s 0.5 \
    --warmup-s 20 --settle-s 1 --run-tests 'mvn -q gatling:test -Dgatling.simulationClass=ConcurrentSimulation -Dtarget.url=$SERVER_URL -Dresults.dir='"$out"'/results -Dconcurrency.requests=200 -Dconcurrency.pause.s=0' \
    >"$out/$mode.log" 2>&1 || rc=$?
  python3 - "$out/$mode.json" "$mode" "$rc" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
mode, rc = sys.argv[2], sys.argv[3]
steps = {s["name"]: s for s in r["steps"]}
g = steps["memory_growth"]
verdict = "no leak" if g["passed"] else "LEAK"
expected = "LEAK" if mode == "with" else "no leak"
rounds = r["checkpoints"].get("growth_per_round", {})
slope = r["checkpoints"].get("server_rss_growth", {}).get("slope_mb_per_min")
print(f"{mode} injected leak: expected {expected}, verdict {verdict} ({'right' if verdict == expected else 'FALSE VERDICT'}); "
      f"after rounds {rounds.get('after_round_mb')} MB, increments {[round(x, 1) for x in rounds.get('increments_mb', [])]} MB; "
      f"RSS slope during tests {slope if slope is None else round(slope, 2)} MB/min (secondary); harness exit {rc}")
for name, s in steps.items():
    if not s["passed"] and name != "memory_growth":
        print("   ", name, "FAILED -", s["detail"])
PY
done
