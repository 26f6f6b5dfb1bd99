#!/usr/bin/env bash
# Phase 1, baseline: no SSD tier, unquantized KV (kv-bits 0), no speculative decoding.
# Settings: see lib.sh (ENGINE, HOST, PORT, MODEL, PROFILE, RUN_DIR, SERVER_FLAGS, EXTRA_FLAGS, ...).
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
launch_phase baseline "${NAME:-baseline}"
