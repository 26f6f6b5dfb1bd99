#!/usr/bin/env bash
# SSD tier benchmark: TTFT of a ~1950-token prompt on a fresh reference server (cold) and again after a
# restart that keeps the SSD cache directory (warm: its blocks are promoted from SSD), from the server's own
# ground truth (/debug/requests: received → first content written). Each server gets five warm-up requests
# with another prompt first, so neither side pays for the JIT. Also prints KV bytes per token at kv-bits 0/8/4.
#
# Usage: launchers/bench_ssd_restart.sh [RUNS] [PROFILE]     (default: 3, default)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
profile="${2:-default}"
port="${PORT:-18555}"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="target/classes:$(cat target/classpath.txt)"
prompt="$(python3 -c "import os; d='simulations-data/news/'; print(' '.join(' '.join(open(d+x).read().split()) for x in sorted(os.listdir(d))[:3]))")"
body="$(python3 -c "import json,sys; print(json.dumps({'messages':[{'role':'user','content':sys.argv[1]}],'max_tokens':4,'stream':True}))" "$prompt")"
warm="$(python3 -c "import json; print(json.dumps({'messages':[{'role':'user','content':'Warm up the text model with a different prompt about rivers, mountains and weather. '*60}],'max_tokens':32}))")"

start() {
  java -cp "$cp" llmbench.refserver.ReferenceServerMain --port "$port" --profile "$profile" "$@" >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 0.1; done
  curl -sf "localhost:$port/health" >/dev/null || { echo "server did not start: $(tail -1 "$work/server.log")" >&2; exit 1; }
  for _ in 1 2 3 4 5; do curl -s -H "Content-Type: application/json" -d "$warm" "localhost:$port/v1/chat/completions" >/dev/null; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
ttft() {
  curl -sN -H "Content-Type: application/json" -d "$body" "localhost:$port/v1/chat/completions" >/dev/null
  curl -s "localhost:$port/debug/requests" | python3 -c "import json,sys; r=json.load(sys.stdin)['requests'][-1]; print(round((r['first_content_written_epoch_us']-r['received_epoch_us'])/1000,1), 'ms,', r['prompt_tokens'], 'prompt tokens')"
}

for bits in 0 8 4; do
  start --kv-bits "$bits"
  printf 'kv-bits %s: ' "$bits"
  curl -s "localhost:$port/health" | python3 -c "import json,sys; print(int(json.load(sys.stdin)['memory']['kv_bytes_per_token']), 'KV bytes per token')"
  stop
done
for run in $(seq 1 "$runs"); do
  rm -rf "$work/ssd"
  start --kv-bits 0 --ssd-cache-dir "$work/ssd" --ssd-policy write_through
  printf 'run %s cold: ' "$run"; ttft
  sleep 1
  stop
  start --kv-bits 0 --ssd-cache-dir "$work/ssd" --ssd-policy write_through
  printf 'run %s warm after restart: ' "$run"; ttft
  stop
done
start --kv-bits 0
printf 'no SSD tier, after restart: '; ttft
stop
