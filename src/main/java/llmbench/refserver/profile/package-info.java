/**
 * Performance profiles of the reference server: the few numbers that decide how long each
 * continuous-batching step takes, loaded from JSON files under {@code refserver/profiles/} or from a
 * user's file. {@link llmbench.refserver.profile.PerformanceProfile} holds the step-time formula and the
 * throughput figures derived from it; docs/reference-server.md quotes the same formulas.
 */
package llmbench.refserver.profile;
