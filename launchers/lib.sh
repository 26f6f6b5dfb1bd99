#!/usr/bin/env bash
# Shared library of the launch scripts: engine command lines, the phase → flags table, health wait with a
# deadline, pid/log/load-time files, and a graceful stop that checks the port is free afterwards.
# Sourced, never run. Settings come from the environment (defaults in brackets):
#   ENGINE [reference]  reference | mlx-lm-server | mlx_lm.server | vllm | llama-server | custom
#   HOST [127.0.0.1]  PORT [8080]  MODEL [per engine]  PROFILE [default] (reference only)
#   ENGINE=llama-server: MODEL must be a GGUF file [MODEL_FILE, the project's test model]; the server gets
#     --parallel PARALLEL [8, the plan's largest concurrency: batch 1-8, concurrency 1,3,5,8]
#     --ctx-size PARALLEL × CTX_PER_SLOT [the model's trained context, from the GGUF header]
#     --threads THREADS [the machine's cores]  --alias MODEL_ALIAS [the file name without .gguf]
#   TIME_SCALE [1.0] (reference only)  RUN_DIR [/tmp/kimi-bench]  HEALTH_TIMEOUT_S [600]
#   HEALTH_INTERVAL_S [1]  STOP_GRACE_S [40]  PYTHON [python3]  DRAFT_MODEL (phase draft)
#   SERVER_FLAGS  when set (even empty), replaces the table's flags for the phase
#   EXTRA_FLAGS   appended to every launch (REFERENCE_EXTRA_FLAGS too, for ENGINE=reference)
#   ADAPTIVE_K [on]  off: the ngram flags add --no-adaptive-k (mlx-lm-server, reference; vllm always drafts K)
#   SPEC_THRESHOLD  the ngram flags add --spec-decode-acceptance-threshold <value> (mlx-lm-server, reference;
#                   refused for vllm and llama-server, which have no such setting)
#   SPEC_DYNAMIC [on]  off: the ngram flags add --no-spec-decode-dynamic, speculation held on whatever the
#                   acceptance (mlx-lm-server, reference; vllm and llama-server have no dynamic controller)
#   REFERENCE_CLASSPATH  classpath of the reference server (default: built once with Maven)
#   REFERENCE_JAVA_OPTS  JVM options of the reference server
#   REFERENCE_ENGINE [simulated]  simulated | llama: the reference server's engine (--engine)
#   MODEL_FILE [simulations-data/models/stories260K.gguf of the project]  REFERENCE_ENGINE=llama: GGUF file
#              (MODEL is then the served model id, default the file name without .gguf)
#   SERVER_CMD    ENGINE=custom: the server's command line (run with exec in bash)
#   SERVER_NICE [0]  0-19: the server runs under nice(1) at this niceness. A server sharing the machine's cores
#                 with the load generator otherwise delays the client's reads of what it wrote (its stamps run
#                 late); a lower CPU priority for the server keeps them true (BENCHMARKS.md, harness accuracy)
# shellcheck disable=SC2034  # variables here are read by the scripts that source this file

LAUNCHERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$LAUNCHERS_DIR/.." && pwd)"

ENGINE="${ENGINE:-reference}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"
PROFILE="${PROFILE:-default}"
TIME_SCALE="${TIME_SCALE:-1.0}"
RUN_DIR="${RUN_DIR:-/tmp/kimi-bench}"
HEALTH_TIMEOUT_S="${HEALTH_TIMEOUT_S:-600}"
HEALTH_INTERVAL_S="${HEALTH_INTERVAL_S:-1}"
STOP_GRACE_S="${STOP_GRACE_S:-40}"
PYTHON="${PYTHON:-python3}"
REFERENCE_ENGINE="${REFERENCE_ENGINE:-simulated}"
MODEL_FILE="${MODEL_FILE:-$PROJECT_DIR/simulations-data/models/stories260K.gguf}"
PID_FILE="$RUN_DIR/server.pid"
STATE_FILE="$RUN_DIR/server.env"

PHASES="baseline kv_fp8 ngram ssd all draft mtp"

die() {
  echo "$SCRIPT_NAME: error: $*" >&2
  exit "${DIE_CODE:-1}"
}

default_model() {
  case "$ENGINE" in
    reference)
      if [ "$REFERENCE_ENGINE" = llama ]; then
        local name
        name="$(basename "$MODEL_FILE")"
        echo "${name%.gguf}"
      else
        echo "reference-model"
      fi ;;
    llama-server) echo "$MODEL_FILE" ;;
    *) echo "mlx-community/Qwen3-4B-4bit" ;;
  esac
}
MODEL="${MODEL:-$(default_model)}"

# ---------------------------------------------------------------------------------------------------
# Phase → flags, one entry per engine and phase. Extend by adding a case line; an engine without the
# feature gets `unsupported "<why>"`. The seed's flags are §5.8 of the seed spec, verbatim.
# Result: the array PHASE_ARGS, or return 3 with UNSUPPORTED_REASON set.
# ---------------------------------------------------------------------------------------------------
PHASE_ARGS=()
UNSUPPORTED_REASON=""
unsupported() {
  UNSUPPORTED_REASON="$1"
  return 3
}

phase_flags() {
  local engine="$1" phase="$2"
  PHASE_ARGS=()
  UNSUPPORTED_REASON=""
  local kv8=(--kv-bits 8 --kv-group-size 64 --block-size 16 --num-blocks 2048)
  local ngram=(--spec-decode ngram --ngram-max "${NGRAM_MAX:-4}" --num-speculative-tokens "${NUM_SPEC_TOKENS:-5}")
  case "${ADAPTIVE_K:-on}" in
    on) ;;
    off) ngram+=(--no-adaptive-k) ;;
    *) unsupported "ADAPTIVE_K must be on or off, got '$ADAPTIVE_K'"; return ;;
  esac
  [ -n "${SPEC_THRESHOLD:-}" ] && ngram+=(--spec-decode-acceptance-threshold "$SPEC_THRESHOLD")
  case "${SPEC_DYNAMIC:-on}" in
    on) ;;
    off) ngram+=(--no-spec-decode-dynamic) ;;
    *) unsupported "SPEC_DYNAMIC must be on or off, got '$SPEC_DYNAMIC'"; return ;;
  esac
  local ssd=(--ssd-policy write_through --ssd-async-writes --ssd-max-size-gb 50)
  local draft=(--spec-decode draft --draft-model-path "${DRAFT_MODEL:-}" --num-speculative-tokens "${NUM_SPEC_TOKENS:-5}" --draft-context-len 128)
  local mtp=(--spec-decode mtp --num-speculative-tokens "${NUM_SPEC_TOKENS:-5}")
  case "$engine:$phase" in
    # The seed server (python -m mlx_lm_server), §5.8.
    mlx-lm-server:baseline) PHASE_ARGS=(--no-ssd --kv-bits 0) ;;
    mlx-lm-server:kv_fp8)   PHASE_ARGS=(--no-ssd "${kv8[@]}") ;;
    mlx-lm-server:ngram)    PHASE_ARGS=(--no-ssd --kv-bits 0 "${ngram[@]}") ;;
    mlx-lm-server:ssd)      PHASE_ARGS=(--kv-bits 0 "${ssd[@]}") ;;
    mlx-lm-server:all)      PHASE_ARGS=("${kv8[@]}" "${ssd[@]}" "${ngram[@]}") ;;
    mlx-lm-server:draft)    need_draft_model && PHASE_ARGS=(--no-ssd --kv-bits 0 "${draft[@]}") ;;
    mlx-lm-server:mtp)      PHASE_ARGS=(--no-ssd --kv-bits 0 "${mtp[@]}") ;;
    # The reference server takes the seed's flags. Two differences: its SSD tier exists only with an
    # explicit --ssd-cache-dir (kept in the run dir, so a phase starts cold), and its draft model is
    # simulated, so draft needs no model (its name defaults to simulated-draft and is only reported).
    reference:baseline)     PHASE_ARGS=(--no-ssd --kv-bits 0) ;;
    reference:kv_fp8)       PHASE_ARGS=(--no-ssd "${kv8[@]}") ;;
    reference:ngram)        PHASE_ARGS=(--no-ssd --kv-bits 0 "${ngram[@]}") ;;
    reference:ssd)          PHASE_ARGS=(--kv-bits 0 "${ssd[@]}" --ssd-cache-dir "$RUN_DIR/ssd-cache") ;;
    reference:all)          PHASE_ARGS=("${kv8[@]}" "${ssd[@]}" --ssd-cache-dir "$RUN_DIR/ssd-cache" "${ngram[@]}") ;;
    reference:draft)        PHASE_ARGS=(--no-ssd --kv-bits 0 --spec-decode draft --draft-model-path "${DRAFT_MODEL:-simulated-draft}" --num-speculative-tokens "${NUM_SPEC_TOKENS:-5}" --draft-context-len 128) ;;
    reference:mtp)          PHASE_ARGS=(--no-ssd --kv-bits 0 "${mtp[@]}") ;;
    # The reference server with REFERENCE_ENGINE=llama: llama.cpp through its Java bindings, none of the
    # simulated engine's features (their flags would be accepted and have no effect).
    reference-llama:baseline) PHASE_ARGS=() ;;
    reference-llama:*)      unsupported "the reference server's llama engine runs the baseline phase only, not $phase" ;;
    # Upstream mlx-lm server: plain generation, optional draft model; no KV quantization flag, no
    # n-gram speculation, no SSD tier.
    mlx_lm.server:baseline) PHASE_ARGS=() ;;
    mlx_lm.server:draft)    need_draft_model && PHASE_ARGS=(--draft-model "$DRAFT_MODEL" --num-draft-tokens "${NUM_SPEC_TOKENS:-5}") ;;
    mlx_lm.server:kv_fp8)   unsupported "mlx_lm.server has no KV-cache quantization flag" ;;
    mlx_lm.server:ngram)    unsupported "mlx_lm.server has no n-gram speculative decoding" ;;
    mlx_lm.server:ssd|mlx_lm.server:all) unsupported "mlx_lm.server has no SSD KV-cache tier" ;;
    mlx_lm.server:mtp)      unsupported "mlx_lm.server has no MTP speculative decoding" ;;
    # vLLM: fp8 KV cache, n-gram (prompt lookup) and draft/MTP speculation via --speculative-config.
    vllm:baseline)          PHASE_ARGS=() ;;
    vllm:kv_fp8)            PHASE_ARGS=(--kv-cache-dtype fp8 --block-size 16) ;;
    vllm:ngram)             [ -z "${SPEC_THRESHOLD:-}" ] || { unsupported "vllm has no speculation acceptance threshold (SPEC_THRESHOLD)"; return; }
                            PHASE_ARGS=(--speculative-config "{\"method\":\"ngram\",\"num_speculative_tokens\":${NUM_SPEC_TOKENS:-5},\"prompt_lookup_max\":${NGRAM_MAX:-4}}") ;;
    vllm:draft)             need_draft_model && PHASE_ARGS=(--speculative-config "{\"model\":\"$DRAFT_MODEL\",\"num_speculative_tokens\":${NUM_SPEC_TOKENS:-5}}") ;;
    vllm:mtp)               PHASE_ARGS=(--speculative-config "{\"method\":\"mtp\",\"num_speculative_tokens\":${NUM_SPEC_TOKENS:-5}}") ;;
    vllm:ssd|vllm:all)      unsupported "vllm has no built-in SSD KV-cache tier (it needs an external KV connector)" ;;
    # llama.cpp server: 8-bit KV is q8_0 (integer blocks, the nearest to fp8), draft model speculation.
    llama-server:baseline)  PHASE_ARGS=() ;;
    llama-server:kv_fp8)    PHASE_ARGS=(--cache-type-k q8_0 --cache-type-v q8_0) ;;
    # Its n-gram speculation drafts from the context's own n-grams (--spec-type ngram-simple); acceptance is
    # reported per request in timings.draft_n / draft_n_accepted, not by /v1/spec_decode/metrics. Like vLLM,
    # no acceptance threshold and no adaptive-K switch.
    llama-server:draft)     need_draft_model && PHASE_ARGS=(--model-draft "$DRAFT_MODEL" --draft-max "${NUM_SPEC_TOKENS:-5}") ;;
    llama-server:ngram)     [ -z "${SPEC_THRESHOLD:-}" ] || { unsupported "llama-server has no speculation acceptance threshold (SPEC_THRESHOLD)"; return; }
                            PHASE_ARGS=(--spec-type ngram-simple --spec-ngram-size-n "${NGRAM_MAX:-4}" --draft-max "${NUM_SPEC_TOKENS:-5}") ;;
    llama-server:ssd|llama-server:all) unsupported "llama-server has no SSD KV-cache tier" ;;
    llama-server:mtp)       unsupported "llama-server has no MTP speculative decoding" ;;
    # A command line of your own (SERVER_CMD): phase flags are yours to put in it.
    custom:*)               PHASE_ARGS=() ;;
    *)                      unsupported "unknown engine '$engine' or phase '$phase'" ;;
  esac
}

need_draft_model() {
  [ -n "${DRAFT_MODEL:-}" ] || unsupported "phase draft needs DRAFT_MODEL (path or id of the draft model)"
}

# ---------------------------------------------------------------------------------------------------
# Engine command lines (array SERVER_ARGV) and the route that says "ready".
# ---------------------------------------------------------------------------------------------------
health_path() {
  case "$ENGINE" in
    mlx_lm.server) echo "/v1/models" ;;
    *) echo "/health" ;;
  esac
}

reference_classpath() {
  if [ -n "${REFERENCE_CLASSPATH:-}" ]; then
    echo "$REFERENCE_CLASSPATH"
    return
  fi
  local cp_file="$PROJECT_DIR/target/launch-classpath.txt"
  if [ ! -f "$PROJECT_DIR/target/classes/llmbench/refserver/ReferenceServerMain.class" ]; then
    (cd "$PROJECT_DIR" && mvn -B -q compile) >&2 || return 1
  fi
  if [ ! -s "$cp_file" ] || [ "$PROJECT_DIR/pom.xml" -nt "$cp_file" ]; then
    (cd "$PROJECT_DIR" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2 || return 1
  fi
  echo "$PROJECT_DIR/target/classes:$(cat "$cp_file")"
}

# Sets SERVER_ARGV for ENGINE with the phase's flags appended.
# The engine key of the phase table: the reference server's llama engine has its own lines.
flags_engine() {
  if [ "$ENGINE" = reference ] && [ "$REFERENCE_ENGINE" = llama ]; then
    echo "reference-llama"
  else
    echo "$ENGINE"
  fi
}

server_command() {
  local phase="$1" cp
  SERVER_ARGV=()
  if [ -n "${SERVER_FLAGS+set}" ]; then
    # shellcheck disable=SC2206  # word splitting of the override is intended
    PHASE_ARGS=($SERVER_FLAGS)
  else
    phase_flags "$(flags_engine)" "$phase" || return 3
  fi
  case "$ENGINE" in
    reference)
      cp="$(reference_classpath)" || { UNSUPPORTED_REASON="could not build the reference server's classpath with Maven"; return 4; }
      # shellcheck disable=SC2206
      SERVER_ARGV=(java ${REFERENCE_JAVA_OPTS:-} -cp "$cp" llmbench.refserver.ReferenceServerMain
        --host "$HOST" --port "$PORT")
      case "$REFERENCE_ENGINE" in
        simulated) SERVER_ARGV+=(--model "$MODEL" --profile "$PROFILE" --time-scale "$TIME_SCALE") ;;
        llama)
          [ -r "$MODEL_FILE" ] || { UNSUPPORTED_REASON="REFERENCE_ENGINE=llama: model file $MODEL_FILE is not readable (set MODEL_FILE)"; return 3; }
          SERVER_ARGV+=(--engine llama --model "$MODEL_FILE" --model-id "$MODEL") ;;
        *) UNSUPPORTED_REASON="unknown REFERENCE_ENGINE '$REFERENCE_ENGINE' (simulated, llama)"; return 3 ;;
      esac
      # shellcheck disable=SC2206
      PHASE_ARGS+=(${REFERENCE_EXTRA_FLAGS:-}) ;;
    mlx-lm-server)
      SERVER_ARGV=("$PYTHON" -m mlx_lm_server --model "$MODEL" --host "$HOST" --port "$PORT" --first-token-timeout-s 600)
      [ -n "${DISTRIBUTED_MODE:-}" ] && SERVER_ARGV+=(--distributed-mode "$DISTRIBUTED_MODE") ;;
    mlx_lm.server)
      SERVER_ARGV=("$PYTHON" -m mlx_lm.server --model "$MODEL" --host "$HOST" --port "$PORT") ;;
    vllm)
      SERVER_ARGV=(vllm serve "$MODEL" --host "$HOST" --port "$PORT") ;;
    llama-server)
      llama_server_command || return 3 ;;
    custom)
      [ -n "${SERVER_CMD:-}" ] || { UNSUPPORTED_REASON="ENGINE=custom needs SERVER_CMD"; return 3; }
      SERVER_ARGV=(bash -c "exec $SERVER_CMD") ;;
    *)
      UNSUPPORTED_REASON="unknown ENGINE '$ENGINE' (reference, mlx-lm-server, mlx_lm.server, vllm, llama-server, custom)"
      return 3 ;;
  esac
  # shellcheck disable=SC2206
  SERVER_ARGV+=("${PHASE_ARGS[@]}" ${EXTRA_FLAGS:-})
}

# ---------------------------------------------------------------------------------------------------
# llama-server: a GGUF file, and every slot a full context. llama-server splits --ctx-size over its
# --parallel slots, so its default (the trained context for all slots together) leaves each of several
# concurrent requests a fraction of it (HTTP 500 "Context size has been exceeded").
# ---------------------------------------------------------------------------------------------------
# The trained context length (<arch>.context_length) from a GGUF file's metadata; empty when unreadable.
gguf_context_length() {
  "$PYTHON" - "$1" 2>/dev/null <<'PY'
import struct, sys
SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
with open(sys.argv[1], "rb") as f:
    def read(fmt):
        return struct.unpack("<" + fmt, f.read(struct.calcsize("<" + fmt)))[0]
    def string():
        return f.read(read("Q")).decode("utf-8", "replace")
    def skip(t):
        if t == 8:
            f.seek(read("Q"), 1)
        elif t == 9:
            item, n = read("I"), read("Q")
            for _ in range(n):
                skip(item)
        else:
            f.seek(SIZES[t], 1)
    if f.read(4) != b"GGUF" or read("I") < 2:
        sys.exit(1)
    read("Q")
    for _ in range(read("Q")):
        key, t = string(), read("I")
        if key.endswith(".context_length") and t in (4, 5, 10, 11):
            print(read({4: "I", 5: "i", 10: "Q", 11: "q"}[t]))
            sys.exit(0)
        skip(t)
sys.exit(1)
PY
}

cpu_count() {
  getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1
}

positive_int() {
  case "$1" in ''|*[!0-9]*|0) return 1 ;; *) return 0 ;; esac
}

# Refuses (die) a SERVER_NICE that nice(1) would not take from an unprivileged user: an integer from 0 to 19.
check_server_nice() {
  [[ "$1" =~ ^([0-9]|1[0-9])$ ]] || die "SERVER_NICE must be an integer from 0 to 19, got '$1'"
}

# Sets SERVER_ARGV for ENGINE=llama-server, or UNSUPPORTED_REASON and returns 3.
llama_server_command() {
  if [ ! -f "$MODEL" ] || [ ! -r "$MODEL" ]; then
    UNSUPPORTED_REASON="ENGINE=llama-server needs MODEL to name a readable GGUF file, got '$MODEL'"
    return 3
  fi
  if [ "$(head -c 4 "$MODEL" 2>/dev/null)" != GGUF ]; then
    UNSUPPORTED_REASON="ENGINE=llama-server: MODEL $MODEL is not a GGUF file (no GGUF magic)"
    return 3
  fi
  local slots="${PARALLEL:-8}" per_slot="${CTX_PER_SLOT:-}" threads="${THREADS:-}" alias="${MODEL_ALIAS:-}"
  positive_int "$slots" || { UNSUPPORTED_REASON="PARALLEL must be a positive integer, got '$slots'"; return 3; }
  if [ -z "$per_slot" ]; then
    per_slot="$(gguf_context_length "$MODEL")"
    positive_int "$per_slot" || { UNSUPPORTED_REASON="cannot read the trained context length of $MODEL (needs $PYTHON); set CTX_PER_SLOT"; return 3; }
  fi
  positive_int "$per_slot" || { UNSUPPORTED_REASON="CTX_PER_SLOT must be a positive integer, got '$per_slot'"; return 3; }
  [ -n "$threads" ] || threads="$(cpu_count)"
  positive_int "$threads" || { UNSUPPORTED_REASON="THREADS must be a positive integer, got '$threads'"; return 3; }
  if [ -z "$alias" ]; then
    alias="$(basename "$MODEL")"
    alias="${alias%.gguf}"
  fi
  SERVER_ARGV=(llama-server --model "$MODEL" --alias "$alias" --host "$HOST" --port "$PORT"
    --parallel "$slots" --ctx-size $(( slots * per_slot )) --threads "$threads")
}

# ---------------------------------------------------------------------------------------------------
# Probes
# ---------------------------------------------------------------------------------------------------
# HTTP status of GET url ("000" when nothing answered): curl when installed, else HTTP/1.0 over bash's
# /dev/tcp (plain http only).
http_status() {
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" 2>/dev/null || true
    return
  fi
  local rest="${url#http://}" hostport path host port line
  hostport="${rest%%/*}"
  path="/${rest#*/}"
  [ "$rest" = "$hostport" ] && path="/"
  host="${hostport%:*}"
  port="${hostport##*:}"
  [ "$port" = "$hostport" ] && port=80
  # shellcheck disable=SC2016  # expanded by the inner bash
  line="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3 && head -n 1 <&3' _ "$host" "$port" "$path" 2>/dev/null)"
  case "$line" in
    HTTP/*) echo "$line" | cut -d' ' -f2 ;;
    *) echo "000" ;;
  esac
}

# True when something accepts TCP connections on host:port.
port_in_use() {
  local host="$1" port="$2"
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
  else
    bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
  fi
}

alive() {
  kill -0 "$1" 2>/dev/null
}

now_ms() {
  local ns
  ns="$(date +%s%N 2>/dev/null)"
  case "$ns" in
    *N) echo $(( $(date +%s) * 1000 )) ;;
    *) echo $(( ns / 1000000 )) ;;
  esac
}

# ms → seconds with one decimal
ms_to_s() {
  printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 ))
}

# Last lines of a log joined into one line.
log_tail() {
  local file="$1" n="${2:-5}"
  if [ -s "$file" ]; then
    tail -n "$n" "$file" | tr '\n' '|' | sed 's/|$//; s/|/ | /g'
  else
    echo "(log empty)"
  fi
}

# ---------------------------------------------------------------------------------------------------
# Launch: one server per RUN_DIR. Prints the URL and load time; writes pid, log, state and load-time files.
# ---------------------------------------------------------------------------------------------------
launch_phase() {
  local phase="$1" name="${2:-$1}"
  local log="$RUN_DIR/$name.log" url="http://$HOST:$PORT" rc
  mkdir -p "$RUN_DIR" || die "cannot create run dir $RUN_DIR"
  server_command "$phase"
  rc=$?
  if [ "$rc" -ne 0 ]; then
    DIE_CODE=$rc die "$ENGINE cannot run phase $phase: $UNSUPPORTED_REASON"
  fi
  if [ -f "$PID_FILE" ] && alive "$(cat "$PID_FILE")"; then
    die "a server started here is still running (pid $(cat "$PID_FILE"), $PID_FILE); run stop.sh first"
  fi
  if port_in_use "$HOST" "$PORT"; then
    die "port $PORT on $HOST is already in use; not starting $ENGINE ($phase)"
  fi
  local start_ms pid
  local nice_n="${SERVER_NICE:-0}"
  check_server_nice "$nice_n"
  if [ "$nice_n" -gt 0 ]; then
    # With the kernel's autogroup scheduling (sched_autogroup_enabled) setsid puts the server in a session, and so
    # a scheduling group, of its own: groups share the cores by the group's niceness, and a process's own niceness
    # counts only inside its group (seen: nice 10 alone did not keep the client's stamps true). So the new
    # session's group gets the niceness too, from inside it (only when it leads its session: without setsid the
    # group is the caller's), before the server starts.
    # shellcheck disable=SC2016  # the script's $0 and $@ are its own arguments
    SERVER_ARGV=(bash -c 'read -r -a st 2>/dev/null </proc/self/stat || st=()
      if [ "${st[5]:-}" = "$$" ] && [ -w /proc/self/autogroup ]; then echo "$0" >/proc/self/autogroup; fi
      exec nice -n "$0" "$@"' "$nice_n" "${SERVER_ARGV[@]}")
  fi
  start_ms="$(now_ms)"
  : >"$log"
  if command -v setsid >/dev/null 2>&1; then
    setsid "${SERVER_ARGV[@]}" >>"$log" 2>&1 </dev/null &
  else
    "${SERVER_ARGV[@]}" >>"$log" 2>&1 </dev/null &
  fi
  pid=$!
  echo "$pid" >"$PID_FILE"
  {
    echo "NAME=$name"
    echo "PHASE=$phase"
    echo "ENGINE=$ENGINE"
    echo "HOST=$HOST"
    echo "PORT=$PORT"
    echo "PID=$pid"
    echo "LOG=$log"
  } >"$STATE_FILE"
  echo "$SCRIPT_NAME: starting $ENGINE ($phase) pid $pid on $url; log $log"
  printf '%s\n' "${SERVER_ARGV[*]}" >"$RUN_DIR/$name.cmd"

  local deadline_ms=$(( start_ms + HEALTH_TIMEOUT_S * 1000 )) status path
  path="$(health_path)"
  while :; do
    if ! alive "$pid"; then
      wait "$pid" 2>/dev/null
      rc=$?
      rm -f "$PID_FILE"
      die "$ENGINE ($phase) exited with code $rc during load; log tail: $(log_tail "$log")"
    fi
    status="$(http_status "$url$path")"
    if [ "$status" = "200" ]; then
      break
    fi
    if [ "$(now_ms)" -ge "$deadline_ms" ]; then
      { signal_server KILL "$pid"; wait "$pid"; } 2>/dev/null
      rm -f "$PID_FILE"
      die "$ENGINE ($phase) not healthy within ${HEALTH_TIMEOUT_S}s (last $path status $status); killed pid $pid; log tail: $(log_tail "$log")"
    fi
    sleep "$HEALTH_INTERVAL_S"
  done
  local load_ms load_s
  load_ms=$(( $(now_ms) - start_ms ))
  load_s="$(ms_to_s "$load_ms")"
  echo "$load_s" >"$RUN_DIR/$name.load_time_s"
  echo "LOAD_TIME_S=$load_s" >>"$STATE_FILE"
  echo "$SCRIPT_NAME: $ENGINE ($phase) ready at $url in ${load_s}s (load time written to $RUN_DIR/$name.load_time_s)"
}

# ---------------------------------------------------------------------------------------------------
# Stop: SIGTERM to the recorded server (its process group when it leads one), STOP_GRACE_S seconds,
# then SIGKILL; succeeds only when the process is gone and nothing listens on its port.
# ---------------------------------------------------------------------------------------------------
# Value of KEY in the state file written by launch_phase.
state_get() {
  sed -n "s/^$1=//p" "$STATE_FILE" | tail -n 1
}

signal_server() {
  local sig="$1" pid="$2" pgid
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')"
  if [ -n "$pgid" ] && [ "$pgid" = "$pid" ]; then
    kill "-$sig" -- "-$pid" 2>/dev/null
  else
    kill "-$sig" "$pid" 2>/dev/null
  fi
}

stop_server() {
  local pid="" host="$HOST" port="$PORT" name=""
  if [ -f "$STATE_FILE" ]; then
    host="$(state_get HOST)"
    port="$(state_get PORT)"
    name="$(state_get NAME)"
  fi
  [ -f "$PID_FILE" ] && pid="$(cat "$PID_FILE")"
  if [ -z "$pid" ] || ! alive "$pid"; then
    echo "$SCRIPT_NAME: no running server recorded in $PID_FILE"
  else
    local start_ms deadline_ms how="SIGTERM"
    start_ms="$(now_ms)"
    deadline_ms=$(( start_ms + STOP_GRACE_S * 1000 ))
    echo "$SCRIPT_NAME: SIGTERM to ${name:-server} pid $pid (grace ${STOP_GRACE_S}s)"
    signal_server TERM "$pid"
    while alive "$pid" && [ "$(now_ms)" -lt "$deadline_ms" ]; do
      sleep 0.2
    done
    if alive "$pid"; then
      how="SIGKILL"
      echo "$SCRIPT_NAME: pid $pid still alive after ${STOP_GRACE_S}s; SIGKILL"
      signal_server KILL "$pid"
      local kill_deadline=$(( $(now_ms) + 10000 ))
      while alive "$pid" && [ "$(now_ms)" -lt "$kill_deadline" ]; do
        sleep 0.1
      done
    fi
    if alive "$pid"; then
      die "pid $pid survived SIGKILL"
    fi
    echo "$SCRIPT_NAME: pid $pid gone after $(ms_to_s $(( $(now_ms) - start_ms )))s ($how)"
  fi
  rm -f "$PID_FILE"
  # The port may take a moment to be released after the process is gone.
  local port_deadline=$(( $(now_ms) + 5000 ))
  while port_in_use "$host" "$port"; do
    if [ "$(now_ms)" -ge "$port_deadline" ]; then
      die "port $port on $host is still in use after stopping (not a process recorded here; left alone)"
    fi
    sleep 0.2
  done
  echo "$SCRIPT_NAME: port $port on $host is free"
}
