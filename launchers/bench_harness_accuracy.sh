#!/usr/bin/env bash
# Harness-accuracy benchmark: how true three load generators' client stamps are, against the reference
# server's ground truth (GET /debug/requests: received, first content written, last chunk written), at
# several stream counts, interleaved (suite, naive, seed at the first count, then at the next, ...):
#   suite  BatchSimulation -Dbatch.sizes=k -Dbatch.runs=1 (this project's request path, as users run it by default:
#          a fresh connection per stream, inside the burst; the client's loopback warm-up from 64 streams on)
#   suite-ahead  the same with -Dbatch.connect.ahead=true (connections opened before the batch's send instant)
#   naive  llmbench.accuracy.NaiveSseBaselineSimulation: the Gatling SSE test written from Gatling's docs
#   seed   launchers/seed_style_harness.py: a thread pool of k workers, one httpx client per request, as the
#          seed's bench_batch.py measures (SEED_BENCH_BATCH=/path/to/bench_batch.py runs the seed's own script);
#          skipped with one line when python3 cannot import httpx
# The reference server runs standalone with the "wide" profile (a token every ~20 ms for up to 1024
# streams), at a lower CPU priority than the harnesses (SERVER_NICE): it shares this machine's cores with the
# harness it measures, and what is measured is the harness's error, not the cost of running both on one machine
# (on the plan's deployment the server has machines of its own). The whole interleaved sequence runs REPEATS
# times, so each harness and stream count has several batches. Each run's emit-lag window is reset before and
# read after it. The analysis (llmbench.accuracy.HarnessAccuracyMain) pools a harness's repeats per stream count,
# lists each repeat's p99 beside the pooled one, prints a Markdown table and writes harness-accuracy.json/.md.
#
# Usage: launchers/bench_harness_accuracy.sh [STREAMS] [MAX_TOKENS]   (default: 1,8,64,256,1024 and 200)
# Settings: PORT [18124], RESULTS_DIR [/tmp/kimi-bench-results/accuracy-<UTC time>], WARMUP [1] (warm-up
#   requests of every harness), HARNESSES [suite,suite-ahead,naive,seed], REPEATS [3] (passes over every stream
#   count and harness), SERVER_NICE [10] (0: the server competes with the harnesses at equal priority),
#   SEED_BENCH_BATCH, PYTHON [python3, else /usr/bin/python3 when only that one has httpx].
SCRIPT_NAME="$(basename "$0")"
PORT="${PORT:-18124}"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
set -euo pipefail

streams="${1:-1,8,64,256,1024}"
max_tokens="${2:-200}"
warmup="${WARMUP:-1}"
harnesses="${HARNESSES:-suite,suite-ahead,naive,seed}"
repeats="${REPEATS:-3}"
SERVER_NICE="${SERVER_NICE:-10}"
out="${RESULTS_DIR:-/tmp/kimi-bench-results/accuracy-$(date -u +%Y%m%d_%H%M%S)}"
url="http://$HOST:$PORT"

DIE_CODE=2
[[ "$streams" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "STREAMS must be a comma-separated list of positive integers, got '$streams'"
[[ "$max_tokens" =~ ^[1-9][0-9]*$ ]] || die "MAX_TOKENS must be a positive integer, got '$max_tokens'"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "WARMUP must be 0 or a positive integer, got '$warmup'"
[[ "$repeats" =~ ^[1-9][0-9]*$ ]] || die "REPEATS must be a positive integer, got '$repeats'"
check_server_nice "$SERVER_NICE"
[[ "$harnesses" =~ ^(suite|suite-ahead|naive|seed)(,(suite|suite-ahead|naive|seed))*$ ]] \
  || die "HARNESSES must list suite, suite-ahead, naive, seed, got '$harnesses'"
if [ -n "${SEED_BENCH_BATCH:-}" ] && [ ! -r "$SEED_BENCH_BATCH" ]; then
  die "SEED_BENCH_BATCH=$SEED_BENCH_BATCH is not a readable file"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed to read the server's ground truth"
DIE_CODE=1

cd "$PROJECT_DIR"
mkdir -p "$out" || die "cannot create $out"
runs="$out/runs.tsv"
: >"$runs"
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# The seed harness needs httpx: PYTHON when it has it, else the system's python3 (Debian's python3-httpx
# lands there, and a pyenv or venv python3 earlier on PATH does not see it).
run_seed=false
if [[ ",$harnesses," == *,seed,* ]]; then
  for candidate in "$PYTHON" /usr/bin/python3; do
    if "$candidate" -c 'import httpx' 2>/dev/null; then
      PYTHON="$candidate"
      run_seed=true
      break
    fi
  done
  [ "$run_seed" = true ] \
    || echo "$SCRIPT_NAME: seed harness skipped: $PYTHON cannot import httpx (Debian: apt-get install python3-httpx)"
fi

mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  || die "could not build the project with Maven"
cp="target/classes:target/test-classes:$(cat target/classpath.txt)"

# The server: the launchers' reference engine with the capacity profile and room for every stream.
RUN_DIR="$out/server"
PID_FILE="$RUN_DIR/server.pid"
STATE_FILE="$RUN_DIR/server.env"
PROFILE="$PROJECT_DIR/simulations-data/profiles/wide.json"
REFERENCE_CLASSPATH="$cp"
# Room for every stream: queue, and KV blocks for 1,024 streams of ~650 + 200 tokens (the default 2,048
# blocks of 16 answer 503 memory_pressure to about half of a 1,024-stream batch).
# Idle cached blocks count as free (as the embedded server does): every salted prompt is new to the prefix cache,
# and four harnesses' 1,024-stream batches leave ~45,000 idle blocks each, which the seed's 90 % rule would
# count as used and answer 503 memory_pressure (75 of 1,024 suite-ahead requests, 353 naive ones, seen).
REFERENCE_EXTRA_FLAGS="--max-queue-size 8192 --num-blocks 131072 --utilization-excludes-idle-cache ${REFERENCE_EXTRA_FLAGS:-}"
HEALTH_INTERVAL_S=0.2
trap 'stop_server >/dev/null || true' EXIT
launch_phase baseline accuracy-server

post() {
  curl -sf -X POST -H 'Content-Type: application/json' -d '{}' "$url$1"
}

# CPU time (clock ticks) the server's threads have used, summed per kind of thread: "kind ticks" lines.
server_cpu() {
  local pid task name stat
  pid="$(cat "$PID_FILE")"
  for task in /proc/"$pid"/task/*; do
    name="$(cat "$task/comm" 2>/dev/null)" || continue
    stat="$(cat "$task/stat" 2>/dev/null)" || continue
    # fields after the ")" that closes the thread name: utime and stime are the 12th and 13th
    echo "$name|${stat##*) }"
  done | awk -F'|' '{
      split($2, f, " "); kind = "other"
      if ($1 ~ /^refserver-io/) kind = "io"; else if ($1 ~ /^refserver-api/) kind = "api";
      else if ($1 ~ /^refserver-sched/) kind = "scheduler"; else if ($1 ~ /^refserver-accep/) kind = "accept";
      else if ($1 ~ /^C[12] Compiler/) kind = "jit"; else if ($1 ~ /^(G1|GC)/) kind = "gc";
      t[kind] += f[12] + f[13] }
    END { for (k in t) print k, t[k] }'
}

# Server CPU seconds per thread kind between two server_cpu snapshots, on one line.
cpu_delta() {
  local hz
  hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  awk -v hz="$hz" 'NR == FNR { a[$1] = $2; next } { d[$1] = $2 - a[$1]; total += d[$1] }
    END { printf "server CPU %.2f s:", total / hz; for (k in d) if (d[k] > 0) printf " %s %.2f", k, d[k] / hz; print "" }' "$1" "$2"
}

# One harness at one stream count in one repeat: emit-lag window opened, harness run, window and ground truth saved.
measure() {
  local harness="$1" k="$2" repeat="$3" dir="$out/$1-k$2-r$3" stamps
  mkdir -p "$dir"
  post /debug/emit_lag/reset >/dev/null || die "POST /debug/emit_lag/reset failed"
  server_cpu >"$dir/server_cpu_before.txt"
  echo "== repeat $repeat/$repeats: $harness, $k streams, $max_tokens tokens each"
  case "$harness" in
    suite|suite-ahead)
      local ahead=false
      [ "$harness" = suite-ahead ] && ahead=true
      mvn -B -q gatling:test -Dgatling.simulationClass=BatchSimulation -Dgatling.noReports=true \
        -Dtarget.url="$url" -Dbatch.sizes="$k" -Dbatch.runs=1 -Dbatch.connect.ahead="$ahead" -Dwarmup.requests="$warmup" \
        -Dmax.tokens="$max_tokens" -Dlabel="accuracy-k$k" -Dresults.dir="$dir" >"$dir/gatling.log" 2>&1 \
        || die "suite run at $k streams failed; see $dir/gatling.log"
      stamps="$(ls "$dir"/bench_batch_accuracy-k"$k"_*_requests.jsonl)" ;;
    naive)
      stamps="$dir/stamps.jsonl"
      mvn -B -q gatling:test -Dgatling.simulationClass=llmbench.accuracy.NaiveSseBaselineSimulation \
        -Dgatling.noReports=true -Dtarget.url="$url" -Dtarget.model="$MODEL" -Dnaive.streams="$k" \
        -Dwarmup.requests="$warmup" -Dmax.tokens="$max_tokens" -Dnaive.out="$stamps" >"$dir/gatling.log" 2>&1 \
        || die "naive run at $k streams failed; see $dir/gatling.log"
      ;;
    seed)
      stamps="$dir/stamps.jsonl"
      local seed_args=()
      [ -n "${SEED_BENCH_BATCH:-}" ] && seed_args=(--seed-script "$SEED_BENCH_BATCH")
      "$PYTHON" "$LAUNCHERS_DIR/seed_style_harness.py" "$url" "$k" "$max_tokens" simulations-data/news \
        "$stamps" "$warmup" "${seed_args[@]}" >"$dir/harness.log" 2>&1 \
        || die "seed harness at $k streams failed; see $dir/harness.log"
      ;;
  esac
  post /debug/emit_lag/reset >"$dir/emit_lag.json" || die "POST /debug/emit_lag/reset failed"
  server_cpu >"$dir/server_cpu_after.txt"
  cpu_delta "$dir/server_cpu_before.txt" "$dir/server_cpu_after.txt" | tee "$dir/server_cpu.txt"
  curl -sf "$url/debug/requests" >"$dir/truth.json" || die "GET /debug/requests failed"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$harness" "$k" "$stamps" "$dir/truth.json" "$dir/emit_lag.json" "$repeat" >>"$runs"
}

IFS=',' read -r -a ks <<<"$streams"
IFS=',' read -r -a hs <<<"$harnesses"

# The server's JIT compiles its request path under the first requests it serves; without this, whichever
# harness comes first pays for it (seen: 0.3-0.5 s of the server's compiler threads in one run).
warm_k=64
echo "== server warm-up (not measured): $warm_k streams, 32 tokens each"
mvn -B -q gatling:test -Dgatling.simulationClass=BatchSimulation -Dgatling.noReports=true \
  -Dtarget.url="$url" -Dbatch.sizes="$warm_k" -Dbatch.runs=2 -Dwarmup.requests=0 -Dmax.tokens=32 \
  -Dlabel=server-warmup -Dresults.dir="$out/server-warmup" >"$out/server-warmup.log" 2>&1 \
  || die "server warm-up failed; see $out/server-warmup.log"
for repeat in $(seq 1 "$repeats"); do
  for k in "${ks[@]}"; do
    for h in "${hs[@]}"; do
      if [ "$h" = seed ] && [ "$run_seed" = false ]; then
        continue
      fi
      measure "$h" "$k" "$repeat"
    done
  done
done

load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
context="$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc 2>/dev/null || echo '?') cores, load average (1/5/15 min) at start $load_start, at end $load_end; $max_tokens tokens per stream, $warmup warm-up request(s) per harness, $repeats repeat(s), server at nice $SERVER_NICE; command: REPEATS=$repeats SERVER_NICE=$SERVER_NICE launchers/bench_harness_accuracy.sh $streams $max_tokens"
java -cp "$cp" llmbench.accuracy.HarnessAccuracyMain "$runs" "$out/harness-accuracy.json" "$context" \
  | tee "$out/harness-accuracy.md"
echo "files: $out"
