#!/usr/bin/env bash
# Phase 3, n-gram speculative decoding: ngram-max NGRAM_MAX [4], K = NUM_SPEC_TOKENS [5].
# Settings: see lib.sh (ENGINE, HOST, PORT, MODEL, PROFILE, RUN_DIR, SERVER_FLAGS, EXTRA_FLAGS, ...).
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
launch_phase ngram "${NAME:-"ngram${NGRAM_MAX:-4}_k${NUM_SPEC_TOKENS:-5}"}"
