#!/usr/bin/env bash
# Stops the server recorded in RUN_DIR (server.pid / server.env): SIGTERM, STOP_GRACE_S seconds [40],
# then SIGKILL; exits 0 only when the process is gone and its port is free. Stops nothing else.
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
stop_server
