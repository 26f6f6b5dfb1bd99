#!/usr/bin/env bash
# Client capacity benchmark: how many concurrent streams the suite drives on this machine while its
# timestamps stay true. Starts the reference server standalone with the "wide" capacity profile, runs
# BatchSimulation at each concurrency, then compares every request's client stamps with the server's
# ground truth (llmbench.bench.client.TimingAccuracy, benchmark code in src/bench/java).
#
# The server runs at a lower CPU priority than the client (SERVER_NICE [10]; 0: equal priority): the two share
# this machine's cores, and the server's work would otherwise delay the client's reads of what it wrote.
#
# Usage: launchers/bench_client_capacity.sh [SIZES] [MAX_TOKENS]     (default: 64,256,512 and 200)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="${1:-64,256,512}"
max_tokens="${2:-200}"
port="${PORT:-18123}"
server_nice="${SERVER_NICE:-10}"
if ! [[ "$server_nice" =~ ^([0-9]|1[0-9])$ ]]; then
    echo "bench_client_capacity.sh: error: SERVER_NICE must be an integer from 0 to 19, got '$server_nice'" >&2
    exit 2
fi
out="${RESULTS_DIR:-/tmp/kimi-bench-results/capacity-$(date -u +%Y%m%d_%H%M%S)}"
mkdir -p "$out"

mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="target/classes:target/test-classes:$(cat target/classpath.txt)"

# Room for every stream: KV blocks for 1,024 streams (the default pool answers 503 to about half of them)
nice -n "$server_nice" java -cp "$cp" llmbench.refserver.ReferenceServerMain --port "$port" \
    --profile simulations-data/profiles/wide.json --max-queue-size 8192 --num-blocks 131072 \
    --utilization-excludes-idle-cache >"$out/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
done

IFS=',' read -r -a ks <<<"$sizes"
# cache.bust=false: the passages repeat, so k unique prompts need not fit the server's KV pool (this measures the
# client's stamps, not prefill)
for k in "${ks[@]}"; do
    echo "== $k concurrent streams, $max_tokens tokens each"
    mvn -q gatling:test -Dgatling.simulationClass=BatchSimulation -Dtarget.url="http://127.0.0.1:$port" \
        -Dbatch.sizes="$k" -Dbatch.runs=1 -Dwarmup.requests=20 -Dmax.tokens="$max_tokens" \
        -Dcache.bust=false -Dlabel="capacity-k$k" -Dresults.dir="$out" >"$out/gatling-k$k.log" 2>&1
    requests=$(ls "$out"/bench_batch_capacity-k"${k}"_*_requests.jsonl)
    java -cp "$cp" llmbench.bench.client.TimingAccuracy "$requests" "http://127.0.0.1:$port"
done
echo "files: $out"
