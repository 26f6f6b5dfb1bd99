#!/usr/bin/env bash
# Phase 2, KV FP8: kv-bits 8, group size 64, block size 16, 2048 blocks, no SSD tier.
# Settings: see lib.sh (ENGINE, HOST, PORT, MODEL, PROFILE, RUN_DIR, SERVER_FLAGS, EXTRA_FLAGS, ...).
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
launch_phase kv_fp8 "${NAME:-fp8}"
