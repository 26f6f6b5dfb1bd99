#!/usr/bin/env bash
# Phase 5, all features: KV FP8 + SSD write-through + n-gram speculative decoding (4 / K 5).
# Settings: see lib.sh (ENGINE, HOST, PORT, MODEL, PROFILE, RUN_DIR, SERVER_FLAGS, EXTRA_FLAGS, ...).
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
launch_phase all "${NAME:-all_features}"
