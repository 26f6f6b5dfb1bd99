#!/usr/bin/env bash
# N-gram speculative decoding sweep: one server restart per (ngram-max, K[, threshold]) combination, each run
# as plan phase 3 (launch_ngram.sh → NgramSimulation, SingleSimulation, spec_decode_metrics → stop) with
# adaptive K off (ADAPTIVE_K=off: --no-adaptive-k) and label ngram<N>_k<K> (ngram<N>_k<K>_t<T> with a
# threshold); then the sweep table (llmbench.report.SweepTable) is printed and saved as
# sweep_<stamp>.md in the results dir, and the results are copied to reports/<YYYYMMDD>/ once, at the end.
#
#   sweep_ngram.sh [--preset plan|seed] [--k 3,5,7,10] [--ngram-max 2,3,4,6] [--thresholds 0.3,0.2]
#                  [--dry-run] [any other run_plan.sh option, e.g. --simulations, --max-tokens, --stop-on-failure]
#
# Presets: plan (default; test-plan.md) K ∈ {3,5,7,10} × ngram-max ∈ {2,3,4,6}, 16 restarts;
#          seed (the seed's bench_ngram grid) ngram-max ∈ {2,3,4,5} × K ∈ {3,5,7}, 12 restarts.
# --k / --ngram-max override the preset's lists. --thresholds multiplies the grid: each value is passed as
# --spec-decode-acceptance-threshold (SPEC_THRESHOLD); without it the server's default applies.
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

PRESET=plan
K_LIST=""
N_LIST=""
T_LIST=""
DRY_RUN=0
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) PRESET="${2:-}"; shift ;;
    --k) K_LIST="${2:-}"; shift ;;
    --ngram-max) N_LIST="${2:-}"; shift ;;
    --thresholds) T_LIST="${2:-}"; [ -n "$T_LIST" ] || DIE_CODE=2 die "--thresholds needs a value"; shift ;;
    --dry-run) DRY_RUN=1 ;;
    --phases|--no-copy) DIE_CODE=2 die "$1 is set by the sweep itself" ;;
    --stop-on-failure|--no-compile) PASS+=("$1") ;;
    -h|--help) sed -n '2,/^SCRIPT_NAME/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --engine) [ $# -ge 2 ] || DIE_CODE=2 die "$1 needs a value"; ENGINE="$2"; PASS+=("$1" "$2"); shift ;;
    --*) [ $# -ge 2 ] || DIE_CODE=2 die "$1 needs a value"; PASS+=("$1" "$2"); shift ;;
    *) DIE_CODE=2 die "unknown argument '$1' (see --help)" ;;
  esac
  shift
done

case "$PRESET" in
  plan) : "${K_LIST:=3,5,7,10}"; : "${N_LIST:=2,3,4,6}" ;;
  seed) : "${K_LIST:=3,5,7}"; : "${N_LIST:=2,3,4,5}" ;;
  *) DIE_CODE=2 die "unknown preset '$PRESET' (plan, seed)" ;;
esac
for v in ${K_LIST//,/ } ${N_LIST//,/ }; do
  case "$v" in ''|*[!0-9]*|0) DIE_CODE=2 die "K and ngram-max values must be positive integers, got '$v'" ;; esac
done

for v in ${T_LIST//,/ }; do
  [[ "$v" =~ ^[0-9]*\.?[0-9]+$ ]] || DIE_CODE=2 die "thresholds must be non-negative numbers such as 0.3, got '$v'"
done
# One empty entry = the server's default threshold.
read -r -a THRESHOLDS <<<"${T_LIST//,/ }"
[ "${#THRESHOLDS[@]}" -gt 0 ] || THRESHOLDS=("")
export ADAPTIVE_K=off

combos=0
failures=0
labels=()
for n in ${N_LIST//,/ }; do
  for k in ${K_LIST//,/ }; do
    for t in "${THRESHOLDS[@]}"; do
      combos=$((combos + 1))
      label="ngram${n}_k${k}${t:+_t$t}"
      labels+=("$label")
      if [ "$DRY_RUN" = 1 ]; then
        echo "combination $combos: ngram-max $n, K $k, threshold ${t:-server default}, label $label"
        if [ -n "${SERVER_FLAGS+set}" ]; then
          echo "  server flags (SERVER_FLAGS): $SERVER_FLAGS"
        elif NGRAM_MAX="$n" NUM_SPEC_TOKENS="$k" SPEC_THRESHOLD="$t" phase_flags "$(flags_engine)" ngram; then
          echo "  server flags: ${PHASE_ARGS[*]}"
        else
          echo "  server flags: refused: $UNSUPPORTED_REASON"
        fi
        NGRAM_MAX="$n" NUM_SPEC_TOKENS="$k" SPEC_THRESHOLD="$t" "$LAUNCHERS_DIR/run_plan.sh" --phases 3 --no-copy --dry-run "${PASS[@]}" | sed 's/^/  /'
        continue
      fi
      echo "$SCRIPT_NAME: === combination $combos: ngram-max $n, K $k, threshold ${t:-server default}"
      if ! NGRAM_MAX="$n" NUM_SPEC_TOKENS="$k" SPEC_THRESHOLD="$t" "$LAUNCHERS_DIR/run_plan.sh" --phases 3 --no-copy "${PASS[@]}"; then
        failures=$((failures + 1))
        for a in "${PASS[@]}"; do
          [ "$a" = --stop-on-failure ] && { echo "$SCRIPT_NAME: stopping after combination $combos" >&2; break 4; }
        done
      fi
    done
  done
done
echo "$SCRIPT_NAME: $combos combination(s), $failures with failures"
[ "$DRY_RUN" = 1 ] && exit 0

results="${RESULTS_DIR:-/tmp/kimi-bench-results}"
reports="${REPORTS_DIR:-$PROJECT_DIR/reports}"
for ((i = 0; i < ${#PASS[@]}; i++)); do
  case "${PASS[$i]}" in
    --results-dir) results="${PASS[$((i + 1))]}" ;;
    --reports-dir) reports="${PASS[$((i + 1))]}" ;;
  esac
done
table="$results/sweep_$(date -u +%Y%m%d_%H%M%S).md"
labels_csv="$(IFS=,; echo "${labels[*]}")"
if cp="$(reference_classpath)" &&
  java -cp "$cp" llmbench.report.SweepTable --results-dir "$results" --labels "$labels_csv" --out "$table"; then
  echo "$SCRIPT_NAME: sweep table saved as $table"
else
  echo "$SCRIPT_NAME: error: the sweep table could not be made" >&2
  failures=$((failures + 1))
fi
dest="$reports/$(date -u +%Y%m%d)"
if ! { mkdir -p "$dest" && cp -R "$results/." "$dest/"; }; then
  die "copying $results to $dest failed"
fi
echo "$SCRIPT_NAME: results copied to $dest"
[ "$failures" = 0 ]
