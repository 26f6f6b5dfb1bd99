/**
 * Fault injection: which generation requests the reference server answers wrongly on purpose
 * ({@link llmbench.refserver.fault.FaultPlan}, seeded) and how ({@link llmbench.refserver.fault.FaultKind}),
 * so a client's error accounting can be checked against the server's ground truth, which names each
 * request's fault. The HTTP layer carries the faults out.
 */
package llmbench.refserver.fault;
