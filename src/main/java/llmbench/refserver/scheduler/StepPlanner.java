package llmbench.refserver.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides what one continuous-batching step does; no threads, no clocks.
 *
 * <p>Rules, in this order: drop cancelled and finished sequences; admit waiting sequences in arrival
 * order while fewer than {@code maxBatchSize} are running and the {@link Admission} agrees (the KV cache
 * has room; a refused head of the queue keeps those behind it waiting); every running sequence already past prefill
 * decodes one token; then the prefill budget is handed to running sequences still in prefill, in
 * admission (= arrival) order, each taking {@code min(remaining prompt, remaining budget)} — so
 * concurrent prefills compete and the earliest finishes first. A sequence whose prefill completes in a
 * step also yields its first token at the end of that step.
 */
final class StepPlanner {
    private final int maxBatchSize;
    private final int prefillBudget;
    private final Admission admission;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();

    StepPlanner(int maxBatchSize, int prefillBudget) {
        this(maxBatchSize, prefillBudget, (s, alone) -> true);
    }

    StepPlanner(int maxBatchSize, int prefillBudget, Admission admission) {
        this.maxBatchSize = maxBatchSize;
        this.prefillBudget = prefillBudget;
        this.admission = admission;
    }

    /** Decides whether the head of the queue may start now (e.g. whether its KV blocks are available). */
    interface Admission {
        /** @param alone nothing else is running (refusing would wait forever) */
        boolean admit(Sequence s, boolean alone);
    }

    void enqueue(Sequence s) {
        waiting.add(s);
    }

    int waitingCount() {
        return waiting.size();
    }

    int runningCount() {
        return running.size();
    }

    /** Plans the next step; {@code dropped} receives cancelled sequences removed from either list. */
    StepPlan plan(List<Sequence> dropped) {
        running.removeIf(s -> {
            if (s.isCancelled() && !s.finished()) {
                dropped.add(s);
                return true;
            }
            return s.finished();
        });
        for (Iterator<Sequence> it = waiting.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.isCancelled()) {
                dropped.add(s);
                it.remove();
            }
        }
        while (running.size() < maxBatchSize && !waiting.isEmpty()
                && admission.admit(waiting.peek(), running.isEmpty())) {
            running.add(waiting.poll());
        }
        List<Sequence> decoding = new ArrayList<>();
        List<Sequence> prefilling = new ArrayList<>();
        List<Integer> chunks = new ArrayList<>();
        int budget = prefillBudget;
        for (Sequence s : running) {
            if (s.prefillDone()) {
                decoding.add(s);
            } else if (budget > 0) {
                int take = Math.min(budget, s.remainingPrompt());
                prefilling.add(s);
                chunks.add(take);
                budget -= take;
            }
        }
        return new StepPlan(decoding, prefilling, chunks, prefillBudget - budget);
    }

    /** Removes and returns everything still queued or running (for shutdown). */
    List<Sequence> drainAll() {
        List<Sequence> all = new ArrayList<>(running);
        all.addAll(waiting);
        running.clear();
        waiting.clear();
        return all;
    }

    /**
     * @param decoding       sequences decoding one token this step
     * @param prefilling     sequences getting prefill this step, in budget order
     * @param prefillChunks  tokens each of {@code prefilling} gets
     * @param prefillTokens  sum of {@code prefillChunks}
     */
    record StepPlan(List<Sequence> decoding, List<Sequence> prefilling, List<Integer> prefillChunks,
                    int prefillTokens) {
        boolean isEmpty() {
            return decoding.isEmpty() && prefilling.isEmpty();
        }
    }
}
