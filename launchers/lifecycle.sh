#!/usr/bin/env bash
# Lifecycle (memory-leak) harness: launch → smoke request → each --run-tests command (SERVER_URL set) →
# graceful stop → memory released, no growth, no residual process or listener. Arguments go to
# llmbench.lifecycle.harness.LifecycleHarness (--help lists them); runs from the project root, so the
# default --launch-cmd launchers/launch_baseline.sh and --stop-cmd launchers/stop.sh resolve. The launch
# settings (ENGINE, HOST, PORT, PROFILE, RUN_DIR, ...) are read from the environment as by the launch scripts.
# Example:
#   launchers/lifecycle.sh --run-tests \
#     'mvn -q gatling:test -Dgatling.simulationClass=BatchSimulation -Dtarget.url=$SERVER_URL -Dlabel=baseline'
SCRIPT_NAME="$(basename "$0")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
cp="${LIFECYCLE_CLASSPATH:-}"
if [ -z "$cp" ]; then
  if [ ! -f "$PROJECT_DIR/target/classes/llmbench/lifecycle/harness/LifecycleHarness.class" ]; then
    (cd "$PROJECT_DIR" && mvn -B -q compile) >&2 || die "mvn compile failed"
  fi
  cp="$(REFERENCE_CLASSPATH='' reference_classpath)" || die "could not build the classpath with Maven"
fi
cd "$PROJECT_DIR" || die "cannot enter $PROJECT_DIR"
# shellcheck disable=SC2086  # LIFECYCLE_JAVA_OPTS is a list of JVM options
exec java ${LIFECYCLE_JAVA_OPTS:-} -cp "$cp" llmbench.lifecycle.harness.LifecycleHarness "$@"
