package llmbench.refserver.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import llmbench.refserver.profile.SpecCosts;
import llmbench.refserver.spec.NgramProposer;
import llmbench.refserver.spec.SpecController;

/**
 * One decode step with speculation, seed §4.1, on the scheduler thread. The controller decides from the
 * number of running sequences whether to speculate and with which k; each decoding sequence then gets a
 * proposal (n-gram prompt lookup over its token history, or a simulated draft of exactly k tokens); if no
 * sequence has one the step is a plain decode and nothing is recorded. Otherwise every sequence with a
 * proposal verifies it ({@link Sequence#verify}), the others decode one token, and the controller is
 * updated with Σ proposed, Σ accepted and the number of fully accepted proposals.
 */
final class Speculation {
    private final SpecController controller;
    private final NgramProposer proposer;
    private final boolean promptLookup;
    private final SpecCosts costs;
    private final int draftContextLen;
    private final double draftPrefillTokenMs;
    private final SplittableRandom random = new SplittableRandom();

    /**
     * @param draftContextLen     mode draft: tokens of each sequence's history the draft prefills per step
     * @param draftPrefillTokenMs mode draft: cost of one such token
     */
    Speculation(SpecController controller, NgramProposer proposer, boolean promptLookup, SpecCosts costs,
                int draftContextLen, double draftPrefillTokenMs) {
        this.controller = controller;
        this.proposer = proposer;
        this.promptLookup = promptLookup;
        this.costs = costs;
        this.draftContextLen = draftContextLen;
        this.draftPrefillTokenMs = draftPrefillTokenMs;
    }

    /**
     * Time of the draft passes: K·draft_token_ms plus, as the seed's draft starts each step with a fresh
     * cache, its prefill of min(history_i, draft_context_len) tokens per sequence (mode draft);
     * K·mtp_token_ms (mode mtp); 0 (ngram).
     */
    double draftMillis(String mode, int k, List<Sequence> decoding) {
        return switch (mode) {
            case "draft" -> {
                long context = 0;
                for (Sequence s : decoding) {
                    context += Math.min(s.historyLength(), draftContextLen);
                }
                yield k * costs.draftTokenMs() + draftPrefillTokenMs * context;
            }
            case "mtp" -> k * costs.mtpTokenMs();
            default -> 0.0;
        };
    }

    SpecController controller() {
        return controller;
    }

    /** Proposals for this step; null if the step is a plain decode. */
    Step plan(List<Sequence> decoding, int runningSequences) {
        if (decoding.isEmpty()) {
            return null;
        }
        int k = controller.k(runningSequences);
        if (k == 0) {
            return null;
        }
        int[][] drafts = new int[decoding.size()][];
        int total = 0;
        boolean simulated = !controller.mode().equals("ngram");
        for (int i = 0; i < drafts.length; i++) {
            if (simulated) {
                drafts[i] = new int[k];
            } else {
                Sequence s = decoding.get(i);
                int from = promptLookup ? 0 : s.promptIdCount();
                int[] ctx = from == 0 ? s.history() : Arrays.copyOfRange(s.history(), from, s.historyLength());
                drafts[i] = proposer.propose(ctx, s.historyLength() - from, k);
            }
            total += drafts[i].length;
        }
        if (total == 0) {
            return null;
        }
        return new Step(drafts, total, draftMillis(controller.mode(), k, decoding));
    }

    /** Runs the step's decodes; returns {drafted, accepted} for the counters. */
    long[] run(Step step, List<Sequence> decoding) {
        int accepted = 0;
        int bonus = 0;
        double agreement = controller.mode().equals("mtp") ? costs.mtpAgreement() : costs.draftAgreement();
        for (int i = 0; i < decoding.size(); i++) {
            Sequence s = decoding.get(i);
            int[] draft = step.drafts()[i];
            if (draft.length == 0) {
                s.produceToken();
                continue;
            }
            int a = controller.mode().equals("ngram") ? s.verify(draft)
                    : s.verifySimulated(draft.length, agreement, random);
            accepted += a;
            if (a >= draft.length) {
                bonus++;
            }
        }
        controller.update(step.proposed(), accepted, bonus);
        return new long[] {step.proposed(), accepted};
    }

    /**
     * @param drafts   per decoding sequence, its draft tokens (simulated drafts: k zeros, only the length counts)
     * @param proposed Σ draft lengths (= extra tokens verified)
     * @param draftMs  time of the draft passes
     */
    record Step(int[][] drafts, int proposed, double draftMs) {
    }
}
