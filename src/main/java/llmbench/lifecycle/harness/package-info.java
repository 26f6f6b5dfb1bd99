/**
 * The lifecycle (memory-leak) harness, the Java counterpart of the seed's {@code test_memory_leak.py}: one
 * server life from launch to stop, with the plan's test commands run in between, memory read from the OS at
 * every checkpoint and periodically while the tests run, and a verdict ({@link llmbench.lifecycle.harness.LeakVerdict})
 * on whether memory came back and whether the server's resident memory kept growing. {@code LifecycleHarness}
 * is the entry point; {@code launchers/lifecycle.sh} wraps it.
 */
package llmbench.lifecycle.harness;
