package llmbench.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays requests through a continuous-batching step loop whose step lasts {@code α + β·d + c·p}
 * seconds (d sequences decoding one token each, p prompt tokens prefilled in the step).
 *
 * <p>Rules, the common core of vLLM, SGLang, llama.cpp and the reference server: steps run back to back
 * while there is work; a request is admitted at the first step that starts after it arrived (an idle loop
 * starts a step at once); running sequences past prefill decode one token per step; the prefill budget
 * ({@code budget} tokens per step, chunked prefill) goes to sequences still in prefill in admission
 * order; a sequence whose prefill completes yields its first token at the end of that step. Every prompt
 * needs at least one computed token (the logits of the last prompt token), so a fully cached prompt still
 * takes one step. No batch cap unless {@code maxBatch} says so.
 *
 * <p>Besides the times it returns each request's <em>features</em>: how many steps (S), how many decoding
 * sequences (D = Σd) and how many prefill tokens (P = Σp) lie in its wait for the first token and in its
 * decode. Then TTFT = α·S + β·D + c·P and decode time = α·S' + β·D' + c·P' exactly, which is what makes the
 * fit linear ({@link CapacityFitter}). A step that was already running when the request arrived counts
 * with the fraction of it still to run.
 */
final class StepSimulator {
    private StepSimulator() {
    }

    /** One request: arrival (s, relative to the batch), prompt tokens to prefill (uncached), completion tokens. */
    record Request(double arrivalS, int prefillTokens, int completionTokens) {
        Request {
            if (completionTokens < 1) {
                throw new IllegalArgumentException("a request generates at least one token");
            }
            prefillTokens = Math.max(1, prefillTokens);
        }
    }

    /** Step-time coefficients (s, s per sequence, s per token) and the scheduler's limits. */
    record Step(double alpha, double beta, double c, int budget, int maxBatch) {
        double duration(int decoding, int prefill) {
            return alpha + beta * decoding + c * prefill;
        }
    }

    /** Linear features of a stretch of time: steps, Σ decoding sequences, Σ prefill tokens. */
    record Features(double steps, double decodeSeqs, double prefillTokens) {
        double time(double alpha, double beta, double c) {
            return alpha * steps + beta * decodeSeqs + c * prefillTokens;
        }
    }

    /**
     * Times are seconds from the batch's time zero; ttft and decode are relative to each request; {@code
     * queued}: it waited at least one step for a batch slot (only with a cap).
     */
    record Outcome(double firstTokenS, double lastTokenS, Features ttft, Features decode, boolean queued) {
        double ttftS(Request r) {
            return firstTokenS - r.arrivalS();
        }

        double decodeS() {
            return lastTokenS - firstTokenS;
        }
    }

    private static final class Seq {
        final int index;
        final Request req;
        int remaining;
        int generated;
        double firstToken = Double.NaN;
        double lastToken = Double.NaN;
        boolean queued;
        double[] ttft = new double[3];
        double[] decode = new double[3];

        Seq(int index, Request req) {
            this.index = index;
            this.req = req;
            this.remaining = req.prefillTokens();
        }

        boolean inPrefill() {
            return remaining > 0;
        }
    }

    /** Simulates {@code requests} (admission ties broken by list order) and returns one outcome per request, same order. */
    static List<Outcome> run(List<Request> requests, Step step) {
        List<Seq> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            pending.add(new Seq(i, requests.get(i)));
        }
        List<Seq> all = new ArrayList<>(pending);
        pending.sort(Comparator.comparingDouble((Seq s) -> s.req.arrivalS()).thenComparingInt(s -> s.index));
        List<Seq> waiting = new ArrayList<>();
        List<Seq> running = new ArrayList<>();
        int next = 0;
        int finished = 0;
        double t = 0;
        while (finished < all.size()) {
            while (next < pending.size() && pending.get(next).req.arrivalS() <= t) {
                waiting.add(pending.get(next++));
            }
            if (running.isEmpty() && waiting.isEmpty()) {
                t = Math.max(t, pending.get(next).req.arrivalS());
                continue;
            }
            while (!waiting.isEmpty() && (step.maxBatch() <= 0 || running.size() < step.maxBatch())) {
                running.add(waiting.remove(0));
            }
            int d = 0;
            int p = 0;
            int budget = step.budget() <= 0 ? Integer.MAX_VALUE : step.budget();
            List<Seq> decoding = new ArrayList<>();
            List<Seq> prefilling = new ArrayList<>();
            int[] take = new int[running.size()];
            for (Seq s : running) {
                if (!s.inPrefill()) {
                    decoding.add(s);
                    d++;
                } else if (budget > 0) {
                    int k = Math.min(budget, s.remaining);
                    take[prefilling.size()] = k;
                    prefilling.add(s);
                    budget -= k;
                    p += k;
                }
            }
            double dur = step.duration(d, p);
            double end = t + dur;
            // Requests that arrived during this step wait for the part of it that is left.
            for (int i = next; i < pending.size() && pending.get(i).req.arrivalS() < end; i++) {
                Seq s = pending.get(i);
                double frac = (end - Math.max(t, s.req.arrivalS())) / dur;
                if (s.req.arrivalS() > t) {
                    add(s.ttft, frac, d, p);
                }
            }
            for (Seq s : waiting) {
                add(s.ttft, 1, d, p);
                s.queued = true;
            }
            for (Seq s : running) {
                if (s.inPrefill()) {
                    add(s.ttft, 1, d, p);
                }
            }
            for (Seq s : decoding) {
                add(s.decode, 1, d, p);
                s.generated++;
                if (s.generated == s.req.completionTokens()) {
                    s.lastToken = end;
                }
            }
            for (int i = 0; i < prefilling.size(); i++) {
                Seq s = prefilling.get(i);
                s.remaining -= take[i];
                if (!s.inPrefill()) {
                    s.firstToken = end;
                    s.generated = 1;
                    if (s.req.completionTokens() == 1) {
                        s.lastToken = end;
                    }
                }
            }
            int before = running.size();
            running.removeIf(s -> !Double.isNaN(s.lastToken));
            finished += before - running.size();
            t = end;
        }
        List<Outcome> out = new ArrayList<>();
        for (Seq s : all) {
            out.add(new Outcome(s.firstToken, s.lastToken, features(s.ttft), features(s.decode), s.queued));
        }
        return out;
    }

    private static void add(double[] f, double weight, int d, int p) {
        f[0] += weight;
        f[1] += weight * d;
        f[2] += weight * p;
    }

    private static Features features(double[] f) {
        return new Features(f[0], f[1], f[2]);
    }
}
