package llmbench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import llmbench.config.BadInputException;
import llmbench.lifecycle.ContextLimit;
import llmbench.lifecycle.ServerProbe;
import llmbench.lifecycle.Target;
import llmbench.timing.RequestedLengths;

/**
 * What each request of a simulation sends: its prompt ({@link PromptSource}), its {@code max_tokens} (the
 * simulation's own, or drawn from {@code output.tokens}) and whether its output length is forced. Bodies are
 * built once up front (the feeders do no serialisation per request). Request i uses prompt i mod the prompts'
 * size and body i mod {@code requests}; {@link #requested(int)} is what its record keeps beside the server's
 * counts (null when no workload option was given, so the suite's default runs record as before).
 */
public final class Workload {
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(120);

    private final PromptSource prompts;
    private final int[] maxTokens;
    private final boolean forced;
    private final boolean shaped;
    private final List<String> bodies;
    private final String model;
    private final double temperature;

    private Workload(PromptSource prompts, int[] maxTokens, boolean forced, boolean shaped, String model,
                     double temperature) {
        this.model = model;
        this.temperature = temperature;
        this.prompts = prompts;
        this.maxTokens = maxTokens;
        this.forced = forced;
        this.shaped = shaped;
        List<String> built = new ArrayList<>(maxTokens.length);
        for (int i = 0; i < maxTokens.length; i++) {
            built.add(forced ? ChatRequestBody.streamingForced(model, prompts.forRequest(i), maxTokens[i], temperature)
                    : ChatRequestBody.chat(model, prompts.forRequest(i), maxTokens[i], temperature, true, null));
        }
        this.bodies = List.copyOf(built);
    }

    /** The suite's own prompts and max_tokens, nothing recorded beyond the usual: a run without workload options. */
    public static Workload plain(PromptSource prompts, int maxTokens, int requests, String model, double temperature) {
        int[] m = new int[requests];
        java.util.Arrays.fill(m, maxTokens);
        return new Workload(prompts, m, false, false, model, temperature);
    }

    /**
     * Shapes {@code requests} distinct requests against the target, before the run (blocking HTTP: call it in
     * the simulation's set-up): lengths drawn with the seed, the target's context checked (refused with the
     * server's limit in the line), synthetic prompts calibrated against the target's own token counts.
     *
     * @param fallback  the simulation's own prompts, used when neither prompt.tokens nor dataset.file is given
     * @param words     what synthetic prompts are cut from (the news passages), read only for them
     * @param saltFor   text put first in synthetic prompt i and counted (a cache-busting salt), or null
     */
    public static Workload prepare(WorkloadOptions o, Target target, PromptSource fallback,
                                   java.util.function.Supplier<List<String>> words,
                                   int defaultMaxTokens, int requests, double temperature, IntFunction<String> saltFor) {
        if (!o.shapesRequests()) {
            return plain(fallback, defaultMaxTokens, requests, target.model(), temperature);
        }
        int[] maxTokens = new int[requests];
        if (o.outputTokens() != null) {
            maxTokens = o.outputTokens().draws(o.seed() + 1, requests);
        } else {
            java.util.Arrays.fill(maxTokens, defaultMaxTokens);
        }
        PromptSource prompts = o.dataset() != null ? o.dataset() : fallback;
        if (o.promptTokens() != null) {
            int[] targets = o.promptTokens().draws(o.seed(), requests);
            ContextLimit limit = ContextLimit.of(new ServerProbe(target.baseUrl(), target.apiKeyForRequests(),
                    Duration.ofSeconds(5)));
            if (limit != null) {
                for (int i = 0; i < requests; i++) {
                    String refusal = limit.refusal(targets[i], maxTokens[i]);
                    if (refusal != null) {
                        throw new BadInputException("prompt.tokens=" + o.promptTokens() + ": request " + i + "'s "
                                + refusal + "; ask for shorter prompts");
                    }
                }
            }
            TokenCounter counter = ServerTokenCounter.detect(target.baseUrl(), target.apiKeyForRequests(),
                    target.model(), COUNT_TIMEOUT);
            prompts = SyntheticPrompts.calibrate(counter, words.get(), targets, o.prefixTokens(), o.prefixGroups(), saltFor);
        }
        return new Workload(prompts, maxTokens, o.outputTokens() != null && o.forceOutput(), true, target.model(),
                temperature);
    }

    /**
     * The same workload for {@code count} requests with {@code headFor.apply(i)} in front of request i's prompt
     * (a cache-busting salt line, e.g. {@code PromptSalt.line(tag + "i" + i)}): synthetic prompts are
     * recalibrated with it, so the salt is counted inside {@code target_prompt_tokens}; other prompts get it in
     * front of their first message. Blocking when the prompts are synthetic (it asks the target): call it in
     * the simulation's set-up.
     */
    public Workload withHeads(int count, IntFunction<String> headFor) {
        PromptSource headed = prompts instanceof SyntheticPrompts synthetic ? synthetic.withHeads(count, headFor)
                : headed(prompts, headFor);
        int[] m = new int[count];
        for (int i = 0; i < count; i++) {
            m[i] = maxTokens[i % maxTokens.length];
        }
        return new Workload(headed, m, forced, shaped, model, temperature);
    }

    private static PromptSource headed(PromptSource source, IntFunction<String> headFor) {
        return new PromptSource() {
            @Override
            public List<ChatRequestBody.Message> forRequest(int i) {
                List<ChatRequestBody.Message> m = new ArrayList<>(source.forRequest(i));
                m.set(0, new ChatRequestBody.Message(m.get(0).role(), headFor.apply(i) + m.get(0).content()));
                return m;
            }

            @Override
            public Integer targetTokens(int i) {
                return source.targetTokens(i);
            }

            @Override
            public int size() {
                return source.size();
            }

            @Override
            public String describe() {
                return source.describe() + ", salted";
            }
        };
    }

    /** Body of request i. */
    public String body(int i) {
        return bodies.get(Math.floorMod(i, bodies.size()));
    }

    /** What request i was asked, recorded with it; null for a run without workload options. */
    public RequestedLengths requested(int i) {
        if (!shaped) {
            return null;
        }
        return new RequestedLengths(prompts.targetTokens(i), maxTokens[Math.floorMod(i, maxTokens.length)], forced);
    }

    /** A short body on prompt i (16 tokens, never forced): a warm-up request. */
    public String warmupBody(int i, String model, double temperature) {
        return ChatRequestBody.chat(model, prompts.forRequest(i), 16, temperature, true, null);
    }

    /** The last message request i sends (a result's prompt preview). */
    public String promptText(int i) {
        List<ChatRequestBody.Message> m = prompts.forRequest(i);
        return m.get(m.size() - 1).content();
    }

    public PromptSource prompts() {
        return prompts;
    }

    /** For the run's first lines. */
    public String describe() {
        return prompts.describe() + (shaped && maxTokens.length > 0 ? "; max_tokens " + summary(maxTokens)
                + (forced ? ", forced (ignore_eos, min_tokens)" : "") : "");
    }

    private static String summary(int[] m) {
        int lo = java.util.Arrays.stream(m).min().orElse(0);
        int hi = java.util.Arrays.stream(m).max().orElse(0);
        return lo == hi ? Integer.toString(lo) : lo + ".." + hi;
    }
}
