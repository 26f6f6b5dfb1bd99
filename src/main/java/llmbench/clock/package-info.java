/**
 * Time stamps that the load generator and the reference server both write and compare:
 * {@link llmbench.clock.EpochClock} (epoch microseconds at {@code nanoTime} resolution). Depends on nothing
 * else in the project, so client and server can share it without depending on each other.
 */
package llmbench.clock;
