#!/usr/bin/env bash
# Plan runner: for each phase, exactly one launch → the phase's tests in the plan's order → stop; a time
# table (load, test, total per phase); the results dir copied to reports/<YYYYMMDD>/ at the end.
#
#   run_plan.sh [--phases 1,2,3,4,5] [--simulations A,B,...] [--engine E] [--host H] [--port P]
#               [--profile P] [--time-scale S] [--max-tokens N] [--sim-args "-Dx=y ..."]
#               [--results-dir D] [--reports-dir D] [--run-dir D] [--health-timeout S]
#               [--stop-on-failure] [--no-compile] [--no-copy] [--dry-run]
#               [--leak-check [--leak-args "--warmup-s 60 ..."]]
#
# Phases (labels as the seed's extract_results): 1 baseline, 2 fp8, 3 ngram<NGRAM_MAX>_k<NUM_SPEC_TOKENS>
# (+ _t<SPEC_THRESHOLD> when set), 4 ssd, 5 all_features; 6 draft and 7 mtp only when asked for. --simulations replaces every phase's test
# list. A test is a Gatling simulation run as `mvn -q gatling:test -Dgatling.simulationClass=<Name>
# -Dtarget.url=<server> -Dlabel=<label> -Dresults.dir=<dir> -Dmax.tokens=<n> <sim-args>`; one that is not
# compiled into target/test-classes is recorded as failed ("not available"). spec_decode_metrics saves
# GET /v1/spec_decode/metrics. The run goes on past a failing test or launch unless --stop-on-failure.
# --leak-check runs phase 1 inside the lifecycle harness (lifecycle.sh: memory before, during and after,
# smoke request, residue check; report lifecycle_baseline_<stamp>.json), as the plan asks; --leak-args are
# passed to it. Exit 0 only if every launch, test and stop (and the harness's verdict) passed. MVN
# overrides the Maven command (e.g. "mvn -o").
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
  sed -n '2,/^SCRIPT_NAME/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

PLAN_PHASES="1,2,3,4,5"
SIMULATIONS=""
MAX_TOKENS=""
SIM_ARGS=""
RESULTS_DIR="${RESULTS_DIR:-/tmp/kimi-bench-results}"
REPORTS_DIR="${REPORTS_DIR:-$PROJECT_DIR/reports}"
STOP_ON_FAILURE=0
COMPILE=1
COPY=1
DRY_RUN=0
LEAK_CHECK=0
LEAK_ARGS=""
MVN="${MVN:-mvn}"

while [ $# -gt 0 ]; do
  case "$1" in
    --phases) PLAN_PHASES="$2"; shift ;;
    --simulations) SIMULATIONS="$2"; shift ;;
    --engine) ENGINE="$2"; shift ;;
    --host) HOST="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --profile) PROFILE="$2"; shift ;;
    --time-scale) TIME_SCALE="$2"; shift ;;
    --max-tokens) MAX_TOKENS="$2"; shift ;;
    --sim-args) SIM_ARGS="$2"; shift ;;
    --results-dir) RESULTS_DIR="$2"; shift ;;
    --reports-dir) REPORTS_DIR="$2"; shift ;;
    --run-dir) RUN_DIR="$2"; PID_FILE="$RUN_DIR/server.pid"; STATE_FILE="$RUN_DIR/server.env"; shift ;;
    --health-timeout) HEALTH_TIMEOUT_S="$2"; shift ;;
    --stop-on-failure) STOP_ON_FAILURE=1 ;;
    --no-compile) COMPILE=0 ;;
    --no-copy) COPY=0 ;;
    --dry-run) DRY_RUN=1 ;;
    --leak-check) LEAK_CHECK=1 ;;
    --leak-args) LEAK_ARGS="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) DIE_CODE=2 die "unknown option '$1' (see --help)" ;;
  esac
  [ $# -gt 0 ] || DIE_CODE=2 die "option needs a value"
  shift
done
export ENGINE HOST PORT PROFILE TIME_SCALE RUN_DIR HEALTH_TIMEOUT_S

case "$MAX_TOKENS" in ''|*[!0-9]*) [ -z "$MAX_TOKENS" ] || DIE_CODE=2 die "--max-tokens must be a positive integer" ;; esac

# phase_def N → PH_SCRIPT, PH_LABEL, PH_TESTS (the plan's order, test-plan.md)
phase_def() {
  case "$1" in
    1) PH_SCRIPT=launch_baseline.sh; PH_LABEL=baseline
       PH_TESTS="ApiComprehensiveSimulation SingleSimulation BatchSimulation ConcurrentSimulation CacheSimulation MemorySimulation" ;;
    2) PH_SCRIPT=launch_kv_fp8.sh; PH_LABEL=fp8
       PH_TESTS="MemorySimulation SingleSimulation ConcurrentSimulation CacheSimulation" ;;
    3) PH_SCRIPT=launch_ngram.sh; PH_LABEL="ngram${NGRAM_MAX:-4}_k${NUM_SPEC_TOKENS:-5}${SPEC_THRESHOLD:+_t$SPEC_THRESHOLD}"
       PH_TESTS="NgramSimulation SingleSimulation spec_decode_metrics" ;;
    4) PH_SCRIPT=launch_ssd.sh; PH_LABEL=ssd
       PH_TESTS="CacheSimulation SingleSimulation" ;;
    5) PH_SCRIPT=launch_all.sh; PH_LABEL=all_features
       PH_TESTS="SingleSimulation ConcurrentSimulation NgramSimulation MemorySimulation CacheSimulation" ;;
    6) PH_SCRIPT=launch_draft.sh; PH_LABEL=draft
       PH_TESTS="SingleSimulation NgramSimulation spec_decode_metrics" ;;
    7) PH_SCRIPT=launch_mtp.sh; PH_LABEL=mtp
       PH_TESTS="SingleSimulation NgramSimulation spec_decode_metrics" ;;
    *) return 1 ;;
  esac
  [ -n "$SIMULATIONS" ] && PH_TESTS="${SIMULATIONS//,/ }"
  return 0
}

IFS=',' read -r -a PHASE_LIST <<<"$PLAN_PHASES"
for n in "${PHASE_LIST[@]}"; do
  phase_def "$n" || DIE_CODE=2 die "unknown phase '$n' (1-7)"
done

URL="http://$HOST:$PORT"
STAMP="$(date -u +%Y%m%d_%H%M%S)"
PLAN_DIR="$RESULTS_DIR/plan_$STAMP"

# Command line of one simulation run, as an array.
sim_command() {
  local sim="$1" label="$2"
  # shellcheck disable=SC2206  # MVN and SIM_ARGS are word lists
  SIM_ARGV=($MVN -B -q gatling:test "-Dgatling.simulationClass=$sim" "-Dtarget.url=$URL" "-Dlabel=$label"
    "-Dresults.dir=$RESULTS_DIR")
  [ -n "$MAX_TOKENS" ] && SIM_ARGV+=("-Dmax.tokens=$MAX_TOKENS")
  # The seed's server (and the reference server, which follows it) counts idle cached KV blocks as used and answers
  # 503 memory_pressure at 90 %: cache-busted prompts, all new, would fill its pool within phase 1's BatchSimulation.
  # Its plan runs send the seed scripts' repeating prompts; cached prefills are flagged (prefill_from_cache).
  case "$ENGINE" in reference|mlx-lm-server) SIM_ARGV+=("-Dcache.bust=false") ;; esac
  # shellcheck disable=SC2206
  SIM_ARGV+=($SIM_ARGS)
}

if [ "$DRY_RUN" = 1 ]; then
  for n in "${PHASE_LIST[@]}"; do
    phase_def "$n"
    echo "phase $n ($PH_LABEL): ENGINE=$ENGINE NAME=$PH_LABEL launchers/$PH_SCRIPT"
    if [ "$LEAK_CHECK" = 1 ] && [ "$n" = 1 ]; then
      echo "  (inside launchers/lifecycle.sh $LEAK_ARGS)"
    fi
    for t in $PH_TESTS; do
      if [ "$t" = spec_decode_metrics ]; then
        echo "  test spec_decode_metrics: GET $URL/v1/spec_decode/metrics"
      else
        sim_command "$t" "$PH_LABEL"
        echo "  test $t: ${SIM_ARGV[*]}"
      fi
    done
    echo "  stop: launchers/stop.sh"
  done
  exit 0
fi

mkdir -p "$PLAN_DIR" || die "cannot create $PLAN_DIR"
if [ "$COMPILE" = 1 ]; then
  echo "$SCRIPT_NAME: compiling simulations ($MVN -q test-compile)"
  (cd "$PROJECT_DIR" && $MVN -B -q test-compile) >"$PLAN_DIR/compile.log" 2>&1 ||
    die "test-compile failed; log tail: $(log_tail "$PLAN_DIR/compile.log")"
fi

TESTS_TSV="$PLAN_DIR/tests.tsv"
PHASES_TSV="$PLAN_DIR/phases.tsv"
printf 'phase\tlabel\ttest\tstatus\tseconds\tdetail\n' >"$TESTS_TSV"
printf 'phase\tlabel\tload_s\ttest_s\ttotal_s\tstatus\n' >"$PHASES_TSV"
FAILURES=0
ABORT=0

# Runs one test of a phase; appends a row to tests.tsv; returns non-zero on failure.
run_test() {
  local n="$1" label="$2" t="$3" log start status detail rc out
  log="$PLAN_DIR/${n}_${label}_$t.log"
  start="$(now_ms)"
  if [ "$t" = spec_decode_metrics ]; then
    out="$RESULTS_DIR/spec_decode_metrics_${label}_$(date -u +%Y%m%d_%H%M%S).json"
    if curl -sf -m 30 -o "$out" "$URL/v1/spec_decode/metrics" 2>"$log"; then
      status=passed; detail="saved $out"
    else
      rm -f "$out"
      status=failed; detail="GET /v1/spec_decode/metrics failed"
    fi
  elif [ ! -f "$PROJECT_DIR/target/test-classes/$t.class" ]; then
    status=failed; detail="not available (no simulation $t in target/test-classes)"
  else
    sim_command "$t" "$label"
    echo "${SIM_ARGV[*]}" >"$log"
    (cd "$PROJECT_DIR" && "${SIM_ARGV[@]}") >>"$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ]; then
      status=passed; detail="log $log"
    else
      status=failed; detail="exit $rc; log $log"
    fi
  fi
  local secs
  secs="$(ms_to_s $(( $(now_ms) - start )))"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$t" "$status" "$secs" "$detail" >>"$TESTS_TSV"
  echo "$SCRIPT_NAME: phase $n ($label) $t: $status in ${secs}s - $detail"
  [ "$status" = passed ]
}

# Shell command of one test, for the lifecycle harness (it runs each with bash -c).
test_shell_command() {
  local t="$1" label="$2"
  if [ "$t" = spec_decode_metrics ]; then
    # shellcheck disable=SC2016  # $SERVER_URL is expanded by the harness's bash
    printf 'curl -sf -m 30 -o %q "$SERVER_URL/v1/spec_decode/metrics"' \
      "$RESULTS_DIR/spec_decode_metrics_${label}_$(date -u +%Y%m%d_%H%M%S).json"
  else
    sim_command "$t" "$label"
    printf 'cd %q && ' "$PROJECT_DIR"
    printf '%q ' "${SIM_ARGV[@]}"
  fi
}

# Phase n inside the lifecycle harness; sets load_s, test_ms, phase_status; appends tests.tsv rows.
run_phase_in_harness() {
  local n="$1" label="$2" report cmds=() names=() t rc status
  report="$RESULTS_DIR/lifecycle_${label}_$STAMP.json"
  for t in $PH_TESTS; do
    if [ "$t" != spec_decode_metrics ] && [ ! -f "$PROJECT_DIR/target/test-classes/$t.class" ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$t" failed 0.000 "not available (no simulation $t in target/test-classes)" >>"$TESTS_TSV"
      echo "$SCRIPT_NAME: phase $n ($label) $t: failed - not available"
      FAILURES=$((FAILURES + 1))
      phase_status=failed
      continue
    fi
    names+=("$t")
    cmds+=("$(test_shell_command "$t" "$label")")
  done
  # shellcheck disable=SC2086  # LEAK_ARGS is a list of options
  "$LAUNCHERS_DIR/lifecycle.sh" --server-url "$URL" --pid-file "$PID_FILE" --report "$report" \
    --launch-cmd "NAME=$label $(printf %q "$LAUNCHERS_DIR/$PH_SCRIPT")" --stop-cmd "$(printf %q "$LAUNCHERS_DIR/stop.sh")" \
    $LEAK_ARGS --run-tests "${cmds[@]}" >"$PLAN_DIR/${n}_${label}_lifecycle.log" 2>&1
  rc=$?
  load_s="$(cat "$RUN_DIR/$label.load_time_s" 2>/dev/null || echo -)"
  local steps="${report%.json}_steps.tsv" i=0 name passed dur detail
  if [ ! -f "$steps" ]; then
    phase_status="harness failed"
    FAILURES=$((FAILURES + 1))
    echo "$SCRIPT_NAME: phase $n ($label): lifecycle harness exit $rc: $(log_tail "$PLAN_DIR/${n}_${label}_lifecycle.log")" >&2
    return
  fi
  while IFS=$'\t' read -r name passed dur detail; do
    case "$name" in
      external:*)
        t="${names[$i]}"
        i=$((i + 1))
        test_ms=$(( test_ms + $(awk -v d="$dur" 'BEGIN { printf "%d", d * 1000 }') ))
        [ "$passed" = true ] && status=passed || status=failed
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$t" "$status" "$dur" "$detail" >>"$TESTS_TSV"
        echo "$SCRIPT_NAME: phase $n ($label) $t: $status in ${dur}s - $detail" ;;
      name) ;;
      *)
        if [ "$passed" != true ]; then
          printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "lifecycle:$name" failed "$dur" "$detail" >>"$TESTS_TSV"
          echo "$SCRIPT_NAME: phase $n ($label) lifecycle $name: failed - $detail"
        fi ;;
    esac
    if [ "$name" != name ] && [ "$passed" != true ]; then
      FAILURES=$((FAILURES + 1))
      phase_status=failed
    fi
  done <"$steps"
  echo "$SCRIPT_NAME: phase $n ($label): lifecycle report $report"
}

for n in "${PHASE_LIST[@]}"; do
  phase_def "$n"
  label="$PH_LABEL"
  echo "$SCRIPT_NAME: === phase $n ($label): $PH_SCRIPT, tests: $PH_TESTS"
  phase_start="$(now_ms)"
  phase_status=passed
  load_s="-"
  test_ms=0
  if [ "$LEAK_CHECK" = 1 ] && [ "$n" = 1 ]; then
    run_phase_in_harness "$n" "$label"
    [ "$phase_status" != passed ] && [ "$STOP_ON_FAILURE" = 1 ] && ABORT=1
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$load_s" "$(ms_to_s "$test_ms")" \
      "$(ms_to_s $(( $(now_ms) - phase_start )))" "$phase_status" >>"$PHASES_TSV"
    [ "$ABORT" = 1 ] && { echo "$SCRIPT_NAME: stopping the plan after phase $n" >&2; break; }
    continue
  fi
  if NAME="$label" "$LAUNCHERS_DIR/$PH_SCRIPT" 2>"$PLAN_DIR/${n}_${label}_launch.err"; then
    load_s="$(cat "$RUN_DIR/$label.load_time_s" 2>/dev/null || echo -)"
    for t in $PH_TESTS; do
      t_start="$(now_ms)"
      if ! run_test "$n" "$label" "$t"; then
        phase_status=failed
        FAILURES=$((FAILURES + 1))
        if [ "$STOP_ON_FAILURE" = 1 ]; then
          ABORT=1
          test_ms=$(( test_ms + $(now_ms) - t_start ))
          break
        fi
      fi
      test_ms=$(( test_ms + $(now_ms) - t_start ))
    done
  else
    phase_status="launch failed"
    FAILURES=$((FAILURES + 1))
    cat "$PLAN_DIR/${n}_${label}_launch.err" >&2
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" launch failed 0 "$(tr '\n' ' ' <"$PLAN_DIR/${n}_${label}_launch.err")" >>"$TESTS_TSV"
    [ "$STOP_ON_FAILURE" = 1 ] && ABORT=1
  fi
  if ! "$LAUNCHERS_DIR/stop.sh" >"$PLAN_DIR/${n}_${label}_stop.log" 2>&1; then
    phase_status="stop failed"
    FAILURES=$((FAILURES + 1))
    echo "$SCRIPT_NAME: phase $n ($label): stop failed: $(log_tail "$PLAN_DIR/${n}_${label}_stop.log")" >&2
    ABORT=1   # the next launch would find the port or the run dir taken
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$load_s" "$(ms_to_s "$test_ms")" \
    "$(ms_to_s $(( $(now_ms) - phase_start )))" "$phase_status" >>"$PHASES_TSV"
  [ "$ABORT" = 1 ] && { echo "$SCRIPT_NAME: stopping the plan after phase $n" >&2; break; }
done

# Time table: printed, and kept as markdown beside the TSVs.
{
  echo "| phase | label | load s | test s | total s | status |"
  echo "|---|---|---|---|---|---|"
  tail -n +2 "$PHASES_TSV" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6;
    if ($3 != "-") l += $3; t += $4; a += $5 }
    END { printf "| **all** | | %.3f | %.3f | %.3f | |\n", l, t, a }'
} >"$PLAN_DIR/time_table.md"
echo "$SCRIPT_NAME: time table ($PLAN_DIR/time_table.md):"
cat "$PLAN_DIR/time_table.md"

if [ "$COPY" = 1 ]; then
  dest="$REPORTS_DIR/$(date -u +%Y%m%d)"
  if mkdir -p "$dest" && cp -R "$RESULTS_DIR/." "$dest/"; then
    echo "$SCRIPT_NAME: results copied to $dest"
  else
    echo "$SCRIPT_NAME: error: copying $RESULTS_DIR to $dest failed" >&2
    FAILURES=$((FAILURES + 1))
  fi
fi
if [ "$FAILURES" -gt 0 ]; then
  echo "$SCRIPT_NAME: $FAILURES failure(s); see $TESTS_TSV"
  exit 1
fi
echo "$SCRIPT_NAME: every phase passed"
