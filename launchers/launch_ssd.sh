#!/usr/bin/env bash
# Phase 4, SSD cache: write-through, asynchronous writes, 50 GB, unquantized KV.
# Settings: see lib.sh (ENGINE, HOST, PORT, MODEL, PROFILE, RUN_DIR, SERVER_FLAGS, EXTRA_FLAGS, ...).
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
launch_phase ssd "${NAME:-ssd}"
